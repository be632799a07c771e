package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.apiplatform.local.LocalPlatform;
import dev.apiplatform.server.security.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token attacks of the identity issue, against the running server (GET /api/v1/auth/me, a
 * secured operation), each answered 401 with {@code WWW-Authenticate: Bearer ...
 * error="invalid_token"}. Tokens with wrong claims are signed with the server's own dev key
 * (read from its DATA_DIR), so they prove the claim checks, not just the signature check.
 */
class HostileTokensTest {

  private static LocalPlatform platform;
  private static ContractClient server;
  private static ECKey serverKey;
  private static String validToken;
  private static JWTClaimsSet validClaims;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Targets.tempDir("platform-hostile-tokens");
    platform = Targets.startPlatform(dir);
    server = new ContractClient(Targets.SERVER, platform.baseUri());
    serverKey = JWKSet.load(dir.resolve("keys").resolve("signing-jwks.json").toFile()).getKeys().get(0).toECKey();
    String phone = Identities.phone();
    JsonNode started = Identities.json(server.call("POST", "/auth/start", Map.of("Content-Type", "application/json"),
        Identities.body("phone", phone)));
    JsonNode tokens = Identities.json(server.call("POST", "/auth/verify", Map.of("Content-Type", "application/json"),
        Identities.body("phone", phone, "otp", started.path("dev_otp").asText(), "session", started.path("session").asText())));
    validToken = tokens.path("access_token").asText();
    validClaims = SignedJWT.parse(validToken).getJWTClaimsSet();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static void assertRefused(String token) {
    ContractClient.Exchange response = server.get("/api/v1/auth/me", Identities.bearer(token));
    assertThat(response.status()).as("token %s", token).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
  }

  /** The valid token's claims with one change, signed by the server's own key. */
  private static String resignedWith(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(serverKey.getKeyID())
        .type(JOSEObjectType.JWT).build(), change.apply(new JWTClaimsSet.Builder(validClaims)).build());
    jwt.sign(new ECDSASigner(serverKey));
    return jwt.serialize();
  }

  @Test
  void theValidToken_works_soEveryRefusalBelowIsAboutTheAttack() {
    assertThat(server.get("/api/v1/auth/me", Identities.bearer(validToken)).status()).isEqualTo(200);
  }

  @Test
  void algNone_isRefused() {
    assertRefused(new PlainJWT(validClaims).serialize());
  }

  @Test
  void hs256MacedWithThePublicKey_isRefused() throws Exception {
    byte[] publicKeyBytes = serverKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serverKey.getKeyID()).build(), validClaims);
    jwt.sign(new MACSigner(java.util.Arrays.copyOf(publicKeyBytes, Math.max(32, publicKeyBytes.length))));
    assertRefused(jwt.serialize());
  }

  @Test
  void tamperedPayload_isRefused() {
    String[] parts = validToken.split("\\.");
    JWTClaimsSet escalated = new JWTClaimsSet.Builder(validClaims).claim("roles", List.of("ADMIN")).build();
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(escalated.toString().getBytes(StandardCharsets.UTF_8));
    assertRefused(parts[0] + "." + payload + "." + parts[2]);
  }

  @Test
  void wrongIssuer_isRefused_evenWithOurSignature() throws Exception {
    assertRefused(resignedWith(c -> c.issuer("https://evil.example.com")));
  }

  @Test
  void wrongAudience_isRefused_evenWithOurSignature() throws Exception {
    assertRefused(resignedWith(c -> c.audience("another-app")));
  }

  @Test
  void expiredToken_isRefused_evenWithOurSignature() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    assertRefused(resignedWith(c -> c.issueTime(Date.from(past.minusSeconds(3600))).expirationTime(Date.from(past))));
  }

  @Test
  void unknownKid_isRefused() throws Exception {
    ECKey stranger = SigningKeys.generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID())
        .type(JOSEObjectType.JWT).build(), validClaims);
    jwt.sign(new ECDSASigner(stranger));
    assertRefused(jwt.serialize());
  }

  @Test
  void ourKidOnAStrangersSignature_isRefused() throws Exception {
    ECKey stranger = SigningKeys.generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(serverKey.getKeyID())
        .type(JOSEObjectType.JWT).build(), validClaims);
    jwt.sign(new ECDSASigner(stranger));
    assertRefused(jwt.serialize());
  }
}
