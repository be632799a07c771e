package dev.apiplatform.mock;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** JWT-shaped tokens for the tests (signature not meaningful unless a JWKS is configured). */
final class Tokens {

  private Tokens() {}

  static String jwt(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  static String valid() {
    return jwt("{\"sub\":\"user-1\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}");
  }

  static String bearer() {
    return "Bearer " + valid();
  }
}
