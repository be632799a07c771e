package dev.apiplatform.server.security;

/** A freshly signed token pair; {@code expiresInSeconds} is the access token's lifetime. */
public record IssuedTokens(String accessToken, String idToken, long expiresInSeconds) {

  // Bearer tokens are credentials: a record logged by accident must not leak them.
  @Override
  public String toString() {
    return "IssuedTokens[accessToken=***, idToken=***, expiresInSeconds=" + expiresInSeconds + "]";
  }
}
