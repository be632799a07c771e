package dev.apiplatform.sdk;

/**
 * Where a {@link Session} keeps its tokens. The default keeps them in memory; an Android app
 * backs this with EncryptedSharedPreferences / the Keystore so a session survives a restart.
 * Called from any thread; implementations must be thread-safe.
 */
public interface TokenStore {

  /** The stored tokens, or null when signed out. */
  Tokens load();

  void save(Tokens tokens);

  void clear();

  /** The default store: memory only. */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }
}
