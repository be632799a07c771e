package dev.apiplatform.server.identity.store;

import java.util.Optional;

/** One-time codes, one live code per key. Reads are strongly consistent. */
public interface CodeStore {

  /** Stores the code, replacing any previous code under its key (a new code kills the old one). */
  void put(CodeRecord code);

  /** The live code under the key; empty when there is none or it has expired. */
  Optional<CodeRecord> find(String key);

  /**
   * Atomically adds one failed attempt.
   *
   * @return the new attempt count, or 0 when there is no code under the key (nothing recorded)
   */
  int recordFailedAttempt(String key);

  /**
   * Deletes the code if, at that moment, its hash is {@code expectedCodeHash}, attempts are left
   * and it has not expired. A code is consumed at most once, even by concurrent callers.
   *
   * @return whether this call consumed it
   */
  boolean consume(String key, String expectedCodeHash);

  /** Deletes the code under the key, if any. */
  void delete(String key);
}
