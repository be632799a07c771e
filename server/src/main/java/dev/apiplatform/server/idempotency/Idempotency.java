package dev.apiplatform.server.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for retried POSTs (Zalando #230). Per caller and key, the first
 * successful response is kept 24 hours with a hash of the request; a retry with the same request
 * gets that response again (same status: the operation's success status), another request under
 * the same key gets 422. A failed request keeps nothing, so its retry runs again; a retry while
 * the first is still running gets 409, for at most {@link #IN_PROGRESS_EXPIRY}.
 */
public final class Idempotency {

  public static final Duration RETENTION = Duration.ofHours(24);
  /**
   * How long a started request holds its key without a stored result (Powertools' in-progress
   * expiry): far longer than any request runs (AWS calls time out after seconds), so a live
   * request is never run twice, yet a crash between claim and result blocks the key for a
   * minute, not for the whole retention.
   */
  public static final Duration IN_PROGRESS_EXPIRY = Duration.ofMinutes(1);

  private final IdempotencyStore store;
  private final ObjectMapper json;
  private final Clock clock;

  public Idempotency(IdempotencyStore store, ObjectMapper json, Clock clock) {
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Runs {@code action} once per (caller, key); without a key it simply runs.
   *
   * @param operation names the operation, so one key cannot replay another operation's answer
   * @param request what identifies the request (its body, the path parameters)
   */
  public <T> T run(String callerId, Optional<String> key, String operation, Object request, Class<T> type,
      Supplier<T> action) {
    if (key.isEmpty()) return action.get();
    String id = callerId + "#" + key.get();
    String hash = hash(operation, request);
    Instant now = clock.instant();
    Optional<IdempotencyStore.Entry> holder = store.claim(id, hash, now, now.plus(IN_PROGRESS_EXPIRY), now.plus(RETENTION));
    if (holder.isEmpty()) {
      T result;
      try {
        result = action.get();
      } catch (RuntimeException e) {
        store.release(id);
        throw e;
      }
      store.complete(id, write(result));
      return result;
    }
    IdempotencyStore.Entry entry = holder.get();
    if (!entry.requestHash().equals(hash)) throw new IdempotencyKeyReused();
    if (entry.response().isPresent()) return read(entry.response().get(), type);
    throw new RequestInProgress("A request with this Idempotency-Key is still in progress; retry shortly");
  }

  private String hash(String operation, Object request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(operation.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(json.writeValueAsBytes(request));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(Object result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String stored, Class<T> type) {
    try {
      return json.readValue(stored, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored idempotent response is unreadable", e);
    }
  }
}
