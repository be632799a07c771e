package dev.apiplatform.server.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Records of POSTs made with an {@code Idempotency-Key}, keyed by caller and key. */
public interface IdempotencyStore {

  /** A started ({@code response} empty) or finished request under one key. */
  record Entry(String requestHash, Optional<String> response, Instant expiresAt) {}

  /** Claims the key for a request with this hash; false when a live entry holds it already. */
  boolean claim(String key, String requestHash, Instant now, Instant expiresAt);

  Optional<Entry> find(String key);

  /** Stores the response of the claimed request. */
  void complete(String key, String response);

  /** Releases a claim whose request failed, so a retry runs it again. */
  void release(String key);
}
