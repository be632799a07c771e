package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The media bucket as services see it: presigned URLs, lookups and deletes by key. No SDK type
 * crosses it, so services hold rules, not S3 calls, as with the DynamoDB repositories.
 */
public interface MediaStore {

  /** What HeadObject says of an object. */
  record StoredObject(String key, String contentType, long size) {}

  /** The store did not answer or refused; nothing is known to have changed. */
  final class MediaUnavailableException extends RuntimeException {
    public MediaUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A streamed write was refused before reading a byte: every part buffer of the process
   * ({@link PartBuffers}) stayed in use for the pool's wait. Nothing was written; the caller
   * answers 503 with Retry-After (the same request can simply be sent again).
   */
  final class MediaBusyException extends RuntimeException {
    public MediaBusyException(String message) {
      super(message, null, false, false); // an expected answer under load: no stack trace
    }
  }

  /** A SigV4 URL to PUT exactly this type and length to {@code key}. */
  String presignUpload(String key, String contentType, long size, Duration ttl);

  /** A SigV4 URL to GET {@code key}. */
  String presignDownload(String key, Duration ttl);

  /** Keys starting with {@code prefix}, at most {@code max}. */
  List<String> keysWithPrefix(String prefix, int max);

  /** The object's type and size, or empty when there is no such object. */
  Optional<StoredObject> head(String key);

  /** Copies {@code from} to {@code to} (type and bytes); false when {@code from} does not exist. */
  boolean copy(String from, String to);

  /**
   * Writes {@code length} bytes read from {@code in} to {@code key} as they are read, holding one
   * part at a time (a buffer of the process's {@link PartBuffers}, returned however the write
   * ends), never the object. What {@code in} throws ends the write and is thrown again (an
   * IOException as UncheckedIOException); nothing is stored then.
   *
   * @throws MediaBusyException when no part buffer came free in time; nothing was read from {@code in}
   * @throws MediaUnavailableException when the store failed; nothing is stored
   */
  void put(String key, String contentType, java.io.InputStream in, long length);

  /** The object's bytes as a stream (read as they arrive), or empty when there is no such object. */
  Optional<java.io.InputStream> open(String key);

  /** Deletes the object; deleting a missing object succeeds. */
  void delete(String key);

  /** {@code s3://bucket/key}, for clients that address objects directly. */
  String location(String key);
}
