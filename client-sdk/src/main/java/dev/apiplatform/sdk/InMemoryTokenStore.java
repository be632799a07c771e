package dev.apiplatform.sdk;

/** Keeps the tokens in a volatile field; lost when the process ends. */
public final class InMemoryTokenStore implements TokenStore {
  private volatile Tokens tokens;

  @Override
  public Tokens load() {
    return tokens;
  }

  @Override
  public void save(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void clear() {
    tokens = null;
  }
}
