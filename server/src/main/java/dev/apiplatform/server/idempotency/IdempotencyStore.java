package dev.apiplatform.server.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Records of POSTs made with an {@code Idempotency-Key}, keyed by caller and key. */
public interface IdempotencyStore {

  /**
   * A started ({@code response} empty) or finished request under one key.
   *
   * @param inProgressUntil until when a started request holds the key without a response
   * @param expiresAt until when the entry (and its response) is kept
   */
  record Entry(String requestHash, Optional<String> response, Instant inProgressUntil, Instant expiresAt) {}

  /**
   * Claims the key for a request with this hash. A key is free when no entry holds it, when the
   * entry expired, or when it was only started and its in-progress time ran out (the process
   * that claimed it died before storing a result).
   *
   * @return empty when claimed; else the entry that holds the key, as the refused write saw it
   */
  Optional<Entry> claim(String key, String requestHash, Instant now, Instant inProgressUntil, Instant expiresAt);

  Optional<Entry> find(String key);

  /** Stores the response of the claimed request. */
  void complete(String key, String response);

  /** Releases a claim whose request failed, so a retry runs it again. */
  void release(String key);
}
