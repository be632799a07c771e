package dev.apiplatform.sdk;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The tokens of one session, as a {@link TokenStore} keeps them. Immutable. */
public final class Tokens {
  private final String accessToken;
  private final String refreshToken;
  private final String idToken;
  private final long expiresAtEpochSecond;

  public Tokens(String accessToken, String refreshToken, String idToken, long expiresAtEpochSecond) {
    if (accessToken == null || refreshToken == null) {
      throw new IllegalArgumentException("accessToken and refreshToken are required");
    }
    this.accessToken = accessToken;
    this.refreshToken = refreshToken;
    this.idToken = idToken;
    this.expiresAtEpochSecond = expiresAtEpochSecond;
  }

  /**
   * Tokens as a sign-in or refresh answered them. The expiry is the access token's {@code exp}
   * claim when it can be read (the server's clock), else now + {@code expires_in}.
   */
  public static Tokens issued(String accessToken, String refreshToken, String idToken, Integer expiresIn,
      long nowEpochSecond) {
    long exp = expClaim(accessToken);
    if (exp <= 0) {
      exp = nowEpochSecond + (expiresIn == null ? 0 : expiresIn);
    }
    return new Tokens(accessToken, refreshToken, idToken, exp);
  }

  public String accessToken() {
    return accessToken;
  }

  public String refreshToken() {
    return refreshToken;
  }

  /** May be null. */
  public String idToken() {
    return idToken;
  }

  public long expiresAtEpochSecond() {
    return expiresAtEpochSecond;
  }

  /** The JWT's {@code exp} (not verified: the server verifies; this only schedules refresh). */
  static long expClaim(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return -1;
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        return -1;
      }
      JsonObject claims = e.getAsJsonObject();
      return claims.has("exp") && claims.get("exp").isJsonPrimitive() ? claims.get("exp").getAsLong() : -1;
    } catch (RuntimeException unreadable) {
      return -1;
    }
  }

  @Override
  public String toString() {
    // never the tokens themselves: this ends up in logs
    return "Tokens[expiresAt=" + expiresAtEpochSecond + "]";
  }
}
