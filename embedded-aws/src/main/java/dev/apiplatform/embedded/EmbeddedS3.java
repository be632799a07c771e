package dev.apiplatform.embedded;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 half of {@link EmbeddedAws}: S3Proxy over a filesystem blob store, checking SigV2/SigV4
 * with the fixed dev credentials (so presigned URLs behave as on AWS) and answering browser CORS
 * for presigned uploads and downloads.
 */
final class EmbeddedS3 {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

    /**
     * Request headers a browser may send with a (presigned) upload or download. S3Proxy matches
     * them exactly (case-insensitive, no wildcards), so {@code x-amz-meta-*} must be listed one by one.
     */
    static final List<String> CORS_ALLOWED_HEADERS = List.of(
            "authorization", "content-type", "content-md5", "content-disposition",
            "content-encoding", "content-language", "cache-control", "expires",
            "range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since",
            "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "x-amz-user-agent",
            "x-amz-acl", "x-amz-storage-class", "x-amz-tagging",
            "x-amz-server-side-encryption",
            "x-amz-sdk-checksum-algorithm", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
            "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1", "x-amz-checksum-sha256");
    /** Response headers a browser script may read (ETag is needed for multipart uploads). */
    static final List<String> CORS_EXPOSED_HEADERS = List.of(
            "etag", "content-length", "content-type", "last-modified",
            "x-amz-request-id", "x-amz-version-id", "x-amz-checksum-crc32",
            "x-amz-checksum-crc32c", "x-amz-checksum-sha256");

    static S3Proxy start(Path dir, String host) throws Exception {
        return start(dir, host, 0);
    }

    /** @param port 0 for a free one (what {@link EmbeddedAws} uses); a fixed one to restart on it */
    static S3Proxy start(Path dir, String host, int port) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedAws.ACCESS_KEY_ID, EmbeddedAws.SECRET_ACCESS_KEY)
                .corsRules(new CrossOriginResourceSharing(
                        List.of("*"),
                        List.of("GET", "HEAD", "PUT"),
                        CORS_ALLOWED_HEADERS,
                        CORS_EXPOSED_HEADERS,
                        "")) // no credentials: incompatible with origin "*" anyway
                // default is a 30 s graceful stop that waits for idle keep-alive connections
                // (and then throws TimeoutException); a dev store stops at once
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            throw e;
        }
        return proxy;
    }

    static void stopQuietly(S3Proxy proxy) {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Throwable t) {
            log.warn("Error while stopping S3Proxy", t);
        }
    }

    private EmbeddedS3() {
    }
}
