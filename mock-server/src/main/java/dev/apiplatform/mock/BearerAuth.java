package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for operations whose {@code security} is {@code bearerAuth}. By default any
 * well-formed, unexpired JWT passes (three base64url parts, JSON header with {@code alg}, JSON
 * claims), so a prototype can use the tokens of the mock's own sign-in examples or its own.
 * With a JWKS URL the signature must verify against it (a running platform's
 * {@code /.well-known/jwks.json}); {@code exp} and {@code nbf} are checked either way.
 */
final class BearerAuth {

  /** Why a request was refused: {@code missing} (no credentials) or an RFC 6750 invalid_token. */
  record Refusal(boolean missing, String description) {
    String wwwAuthenticate() {
      return missing ? "Bearer" : "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();
  private final DefaultJWTProcessor<SecurityContext> verifier;

  BearerAuth(URI jwksUrl) {
    this.verifier = jwksUrl == null ? null : processor(jwksUrl);
  }

  /**
   * The caller's id for {@code --stateful} owners: the bearer token's {@code sub}, or "" when
   * there is none (no token, not a JWT, no {@code sub}: all such callers are one anonymous user).
   * Checked by {@link #check} first on protected operations.
   */
  static String subject(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "";
    }
    String[] parts = authorization.substring(7).trim().split("\\.", -1);
    try {
      return parts.length == 3 ? JSON.readTree(B64.decode(parts[1])).path("sub").asText("") : "";
    } catch (Exception e) {
      return "";
    }
  }

  /** Null when the Authorization header carries an acceptable token, else why not. */
  Refusal check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Refusal(true, null);
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Refusal(true, null); // another scheme is no bearer credential at all
    }
    String token = authorization.substring(7).trim();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return new Refusal(false, "not a JWT");
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = JSON.readTree(B64.decode(parts[0]));
      claims = JSON.readTree(B64.decode(parts[1]));
    } catch (Exception e) {
      return new Refusal(false, "not a JWT");
    }
    if (header == null || !header.isObject() || !header.path("alg").isTextual()
        || claims == null || !claims.isObject()) {
      return new Refusal(false, "not a JWT");
    }
    long now = System.currentTimeMillis() / 1000;
    if (claims.path("exp").isNumber() && claims.get("exp").asLong() <= now) {
      return new Refusal(false, "expired");
    }
    if (claims.path("nbf").isNumber() && claims.get("nbf").asLong() > now + 60) {
      return new Refusal(false, "not yet valid");
    }
    if (verifier != null) {
      try {
        verifier.process(token, null);
      } catch (Exception e) {
        return new Refusal(false, "signature not verified by the configured JWKS");
      }
    }
    return null;
  }

  private static DefaultJWTProcessor<SecurityContext> processor(URI jwksUrl) {
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(jwksUrl.toURL()).retrying(true).build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--verify-with: not a URL: " + jwksUrl, e);
    }
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256,
        JWSAlgorithm.ES384, JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA), keys));
    return p;
  }
}
