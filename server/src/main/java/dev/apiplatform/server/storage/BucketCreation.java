package dev.apiplatform.server.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link StorageBootstrap}'s bucket step: creates a missing bucket; one that exists is left as it is. */
final class BucketCreation {

  // StorageBootstrap's logger, as before
  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);

  private final S3Client s3;
  private final ControlPlane controlPlane;

  BucketCreation(S3Client s3, ControlPlane controlPlane) {
    this.s3 = s3;
    this.controlPlane = controlPlane;
  }

  /** Whether it created bucket {@code name}: false when it existed or a racing peer created it. */
  boolean ensure(String name) {
    boolean exists = controlPlane.call("head bucket " + name, () -> {
      try {
        s3.headBucket(r -> r.bucket(name).overrideConfiguration(StorageBootstrap.longCall()));
        return true;
      } catch (NoSuchBucketException missing) {
        return false;
      } catch (S3Exception e) {
        if (e.statusCode() != 404) throw e;
        return false;
      }
    });
    return !exists && create(name);
  }

  private boolean create(String name) {
    boolean created = controlPlane.call("create bucket " + name, () -> {
      try {
        s3.createBucket(r -> r.bucket(name).overrideConfiguration(StorageBootstrap.longCall()));
        return true;
      } catch (BucketAlreadyOwnedByYouException raced) {
        return false;
      }
    });
    if (created) LOG.info("Created bucket {}", name);
    return created;
  }
}
