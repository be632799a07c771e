package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link MediaStore} on one S3 bucket; SDK exceptions end here. */
public final class S3MediaStore implements MediaStore {

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final PartBuffers buffers;

  /** @param buffers the process's one pool ({@link AwsClients#partBuffers()}), shared by every store */
  public S3MediaStore(S3Client s3, S3Presigner presigner, String bucket, PartBuffers buffers) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.buffers = buffers;
  }

  @Override
  public String presignUpload(String key, String contentType, long size, Duration ttl) {
    return call("presign upload", () -> presigner.presignPutObject(p -> p.signatureDuration(ttl)
        .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(size)))
        .url().toString());
  }

  @Override
  public String presignDownload(String key, Duration ttl) {
    return call("presign download", () -> presigner.presignGetObject(p -> p.signatureDuration(ttl)
        .getObjectRequest(o -> o.bucket(bucket).key(key))).url().toString());
  }

  @Override
  public List<String> keysWithPrefix(String prefix, int max) {
    return call("list", () -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(max)).contents()
        .stream().map(S3Object::key).toList());
  }

  @Override
  public Optional<StoredObject> head(String key) {
    try {
      HeadObjectResponse head = call("head", () -> s3.headObject(r -> r.bucket(bucket).key(key)));
      String type = head.contentType() == null ? "" : head.contentType();
      return Optional.of(new StoredObject(key, type, head.contentLength() == null ? 0 : head.contentLength()));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  @Override
  public boolean copy(String from, String to) {
    try {
      call("copy", () -> s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to)));
      return true;
    } catch (NoSuchKeyException missing) {
      return false;
    }
  }

  /**
   * Sends the stream in parts of {@link PartBuffers#PART_BYTES}, each held once in the lease's
   * buffer: the SDK signs a payload it can read twice (over plain HTTP it hashes the body before
   * sending, and a bare stream would be buffered whole for that), and S3 servers take a part
   * whole. The lease is taken before the first byte is read and closed however the write ends.
   */
  @Override
  public void put(String key, String contentType, java.io.InputStream in, long length) {
    try (PartBuffers.Lease lease = buffers.acquire(length)) {
      byte[] buffer = lease.buffer();
      if (length <= buffer.length) {
        int n = fill(in, buffer, (int) length);
        call("put", () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength((long) n),
            part(buffer, n)));
        return;
      }
      multipart(key, contentType, in, length, buffer);
    }
  }

  private void multipart(String key, String contentType, java.io.InputStream in, long length, byte[] buffer) {
    String upload = call("start multipart upload", () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)
        .contentType(contentType))).uploadId();
    try {
      java.util.List<software.amazon.awssdk.services.s3.model.CompletedPart> parts = new java.util.ArrayList<>();
      for (long sent = 0; sent < length; ) {
        int n = fill(in, buffer, (int) Math.min(buffer.length, length - sent));
        int number = parts.size() + 1;
        String etag = call("upload part", () -> s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload)
            .partNumber(number).contentLength((long) n), part(buffer, n))).eTag();
        parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(number).eTag(etag)
            .build());
        sent += n;
      }
      call("complete multipart upload", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key(key)
          .uploadId(upload).multipartUpload(m -> m.parts(parts))));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
      } catch (SdkException abort) {
        e.addSuppressed(abort); // the store's own cleanup of abandoned uploads removes it
      }
      throw e;
    }
  }

  /** Reads exactly {@code n} bytes; what the stream throws (a refused body) is the answer. */
  private static int fill(java.io.InputStream in, byte[] buffer, int n) {
    try {
      int got = in.readNBytes(buffer, 0, n);
      if (got < n) throw new java.io.EOFException("stream ended after " + got + " of " + n + " bytes");
      return got;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static software.amazon.awssdk.core.sync.RequestBody part(byte[] buffer, int n) {
    return software.amazon.awssdk.core.sync.RequestBody.fromContentProvider(
        () -> new java.io.ByteArrayInputStream(buffer, 0, n), n, "application/octet-stream");
  }

  @Override
  public Optional<java.io.InputStream> open(String key) {
    try {
      return Optional.of(call("get", () -> s3.getObject(r -> r.bucket(bucket).key(key))));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  @Override
  public void delete(String key) {
    call("delete", () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** 404 becomes NoSuchKeyException (HeadObject answers a bare 404); every other failure is unavailability. */
  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (NoSuchKeyException e) {
      throw e;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) throw NoSuchKeyException.builder().message(e.getMessage()).statusCode(404).build();
      throw new MediaUnavailableException("S3 " + what + " failed", e);
    } catch (SdkException e) {
      throw new MediaUnavailableException("S3 " + what + " failed", e);
    }
  }
}
