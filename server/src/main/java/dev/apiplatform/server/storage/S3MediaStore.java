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

  public S3MediaStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
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

  @Override
  public void put(String key, String contentType, java.io.InputStream in, long length) {
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(length),
          software.amazon.awssdk.core.sync.RequestBody.fromInputStream(in, length));
    } catch (SdkException e) {
      // the stream's own failure (a refused body, a client gone) is the answer, not the store's
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof RuntimeException r && !(t instanceof SdkException)) throw r;
      }
      throw new MediaUnavailableException("S3 put failed", e);
    }
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
