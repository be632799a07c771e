package dev.apiplatform.server.security;

import dev.apiplatform.server.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every way a token must be refused. Hostile tokens are built with Nimbus directly, the way an
 * attacker holding only public information (and sometimes a key of their own) would.
 */
class TokenServiceTest {

  static final String ISSUER = "https://id.example.com";
  static final String AUDIENCE = "mobile-platform";
  static final Duration TTL = Duration.ofMinutes(15);
  static final TokenSubject ALICE = new TokenSubject("user-alice", Optional.of("alice@example.com"),
      Optional.of("+14155550100"), true, Set.of("admin", "member"), Set.of("offers:write"));

  private final ECKey key = SigningKeys.generate();
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final Set<String> revoked = new java.util.HashSet<>();
  private final TokenService tokens = new TokenService(SigningKeys.of(key), ISSUER, AUDIENCE, TTL, clock, revoked::contains);

  private void assertRejected(String token, String reason) {
    assertThatThrownBy(() -> tokens.verifyAccessToken(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage(reason)
        .satisfies(e -> {
          if (token != null && !token.isEmpty()) assertThat(e.getMessage()).doesNotContain(token);
        });
  }

  /** Claims of a valid access token, for tests that alter one thing. */
  private JWTClaimsSet.Builder accessClaims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(AUDIENCE).subject("user-alice")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TTL)))
        .jwtID("jti-1").claim("sid", "session-1").claim("token_use", "access")
        .claim("roles", List.of("member")).claim("permissions", List.of());
  }

  private JWSHeader.Builder es256Header() {
    return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  private String signedWithOurKey(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
    return sign(es256Header().build(), change.apply(accessClaims()).build(), new ECDSASigner(key));
  }

  @Test
  void verify_acceptsItsOwnAccessToken() {
    AuthenticatedUser user = tokens.verifyAccessToken(tokens.issue(ALICE, "session-1").accessToken());
    assertThat(user).isEqualTo(new AuthenticatedUser("user-alice", "session-1", Set.of("admin", "member"),
        Set.of("offers:write")));
    assertThat(user.getName()).isEqualTo("user-alice");
  }

  @Test
  void verify_acceptsAHandBuiltTokenWithTheRightClaims() throws Exception {
    // The control for the tests below: each breaks exactly one thing of this token.
    assertThat(tokens.verifyAccessToken(signedWithOurKey(c -> c)).userId()).isEqualTo("user-alice");
  }

  @Test
  void issue_writesTheDocumentedHeaderAndClaims() throws Exception {
    IssuedTokens issued = tokens.issue(ALICE, "session-1");
    assertThat(issued.expiresInSeconds()).isEqualTo(TTL.toSeconds());
    assertThat(issued.toString()).doesNotContain(issued.accessToken()).doesNotContain(issued.idToken());

    SignedJWT access = SignedJWT.parse(issued.accessToken());
    assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(access.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    assertThat(access.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    JWTClaimsSet claims = access.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getSubject()).isEqualTo("user-alice");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(TTL));
    assertThat(claims.getJWTID()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(claims.getClaim("sid")).isEqualTo("session-1");
    assertThat(claims.getClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringListClaim("roles")).containsExactlyInAnyOrder("admin", "member");
    assertThat(claims.getStringListClaim("permissions")).containsExactly("offers:write");
    assertThat(claims.getClaims()).doesNotContainKeys("email", "phone_number");
    assertThat(SignedJWT.parse(tokens.issue(ALICE, "session-1").accessToken()).getJWTClaimsSet().getJWTID())
        .isNotEqualTo(claims.getJWTID());

    SignedJWT id = SignedJWT.parse(issued.idToken());
    assertThat(id.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    JWTClaimsSet idClaims = id.getJWTClaimsSet();
    assertThat(idClaims.getClaim("token_use")).isEqualTo("id");
    assertThat(idClaims.getIssuer()).isEqualTo(ISSUER);
    assertThat(idClaims.getAudience()).containsExactly(AUDIENCE);
    assertThat(idClaims.getSubject()).isEqualTo("user-alice");
    assertThat(idClaims.getClaim("email")).isEqualTo("alice@example.com");
    assertThat(idClaims.getClaim("phone_number")).isEqualTo("+14155550100");
    assertThat(idClaims.getClaim("email_verified")).isEqualTo(true);
    assertThat(idClaims.getClaims()).doesNotContainKeys("roles", "permissions");
  }

  @Test
  void issue_leavesAbsentContactClaimsOut() throws Exception {
    TokenSubject bare = new TokenSubject("u2", Optional.empty(), Optional.empty(), false, Set.of(), Set.of());
    JWTClaimsSet id = SignedJWT.parse(tokens.issue(bare, "s2").idToken()).getJWTClaimsSet();
    assertThat(id.getClaims()).doesNotContainKeys("email", "email_verified", "phone_number");
    assertThat(tokens.verifyAccessToken(tokens.issue(bare, "s2").accessToken()).roles()).isEmpty();
  }

  @Test
  void verify_rejectsGarbage() {
    assertRejected(null, "malformed token");
    assertRejected("", "malformed token");
    assertRejected("not-a-jwt", "malformed token");
    assertRejected("a.b.c", "malformed token");
    assertRejected("x".repeat(10_000), "malformed token");
  }

  @Test
  void verify_rejectsAlgNone() {
    PlainJWT unsigned = new PlainJWT(accessClaims().build());
    assertRejected(unsigned.serialize(), "unsupported algorithm");
  }

  @Test
  void verify_rejectsAlgNoneCarryingOurKidAndARealSignature() throws Exception {
    String valid = tokens.issue(ALICE, "session-1").accessToken();
    String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + key.getKeyID() + "\"}").toString();
    assertRejected(header + valid.substring(valid.indexOf('.')), "malformed token");
  }

  @Test
  void verify_rejectsHs256SignedWithThePublicKey() throws Exception {
    // The classic key-confusion attack: a verifier that takes "the key" for whatever alg the
    // header names would check this HMAC with the public key and accept it.
    JWSHeader hs256 = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
    byte[] encodedPublicKey = key.toECPublicKey().getEncoded();
    assertRejected(sign(hs256, accessClaims().build(), new MACSigner(encodedPublicKey)), "unsupported algorithm");
    byte[] publicJwk = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    assertRejected(sign(hs256, accessClaims().build(), new MACSigner(publicJwk)), "unsupported algorithm");
  }

  @Test
  void verify_rejectsRs256() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    JWSHeader rs256 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
        .jwk(rsa.toPublicJWK()).build();
    assertRejected(sign(rs256, accessClaims().build(), new RSASSASigner(rsa)), "unsupported algorithm");
  }

  @Test
  void verify_rejectsUnknownOrMissingKid() throws Exception {
    assertRejected(sign(es256Header().keyID("someone-elses").build(), accessClaims().build(), new ECDSASigner(key)),
        "unknown signing key");
    assertRejected(sign(es256Header().keyID(null).build(), accessClaims().build(), new ECDSASigner(key)),
        "unknown signing key");
  }

  @Test
  void verify_rejectsAnotherP256KeyUsingOurKid() throws Exception {
    ECKey attacker = SigningKeys.generate();
    assertRejected(sign(es256Header().build(), accessClaims().build(), new ECDSASigner(attacker)), "invalid signature");
  }

  @Test
  void verify_ignoresAJwkHeaderCarryingTheAttackersKey() throws Exception {
    ECKey attacker = SigningKeys.generate();
    JWSHeader header = es256Header().jwk(attacker.toPublicJWK())
        .jwkURL(java.net.URI.create("https://attacker.example/jwks.json")).build();
    assertRejected(sign(header, accessClaims().build(), new ECDSASigner(attacker)), "invalid signature");
  }

  @Test
  void verify_rejectsATamperedPayloadUnderTheOriginalSignature() throws Exception {
    String[] parts = tokens.issue(ALICE, "session-1").accessToken().split("\\.");
    JWTClaimsSet escalated = accessClaims().subject("user-mallory").claim("roles", List.of("admin")).build();
    String forged = parts[0] + "." + Base64URL.encode(escalated.toString()) + "." + parts[2];
    assertRejected(forged, "invalid signature");
  }

  @Test
  void verify_rejectsWrongIssuer() throws Exception {
    assertRejected(signedWithOurKey(c -> c.issuer("https://evil.example.com")), "wrong issuer");
    assertRejected(signedWithOurKey(c -> c.issuer(null)), "wrong issuer");
  }

  @Test
  void verify_requiresOurAudienceAmongTheAudiences() throws Exception {
    assertRejected(signedWithOurKey(c -> c.audience("another-api")), "wrong audience");
    assertRejected(signedWithOurKey(c -> c.audience((String) null)), "wrong audience");
    assertThat(tokens.verifyAccessToken(signedWithOurKey(c -> c.audience(List.of("another-api", AUDIENCE)))))
        .isNotNull();
  }

  @Test
  void verify_allowsThirtySecondsOfClockSkewAndNoMore() {
    String token = tokens.issue(ALICE, "session-1").accessToken();
    clock.advance(TTL.plusSeconds(29));
    assertThat(tokens.verifyAccessToken(token).userId()).isEqualTo("user-alice");
    clock.advance(Duration.ofSeconds(2));
    assertRejected(token, "token expired");
  }

  @Test
  void verify_rejectsATokenNotValidYet() throws Exception {
    assertRejected(signedWithOurKey(c -> c.notBeforeTime(Date.from(clock.instant().plusSeconds(120)))),
        "token not yet valid");
  }

  @Test
  void verify_rejectsAnIdTokenUsedAsAccessToken() {
    assertRejected(tokens.issue(ALICE, "session-1").idToken(), "not an access token");
  }

  @Test
  void verify_rejectsAnythingButTokenUseAccess() throws Exception {
    assertRejected(signedWithOurKey(c -> c.claim("token_use", "id")), "not an access token");
    assertRejected(signedWithOurKey(c -> c.claim("token_use", "refresh")), "not an access token");
    assertRejected(signedWithOurKey(c -> c.claim("token_use", null)), "missing required claims");
  }

  @Test
  void verify_rejectsMissingSubjectOrSession() throws Exception {
    assertRejected(signedWithOurKey(c -> c.subject(null)), "missing required claims");
    assertRejected(signedWithOurKey(c -> c.claim("sid", null)), "missing required claims");
    assertRejected(signedWithOurKey(c -> c.subject(" ")), "missing required claims");
    assertRejected(signedWithOurKey(c -> c.claim("sid", 42)), "missing required claims");
    assertRejected(signedWithOurKey(c -> c.expirationTime(null)), "missing required claims");
  }

  @Test
  void verify_rejectsRolesThatAreNotAStringList() throws Exception {
    assertRejected(signedWithOurKey(c -> c.claim("roles", "admin")), "invalid claims");
    assertRejected(signedWithOurKey(c -> c.claim("permissions", Map.of("all", true))), "invalid claims");
  }

  @Test
  void verify_rejectsAWrongTyp() throws Exception {
    assertRejected(sign(es256Header().type(new JOSEObjectType("at+jwt")).build(), accessClaims().build(),
        new ECDSASigner(key)), "invalid token");
  }

  @Test
  void verify_rejectsARevokedSession() {
    String token = tokens.issue(ALICE, "session-1").accessToken();
    String other = tokens.issue(ALICE, "session-2").accessToken();
    revoked.add("session-1");
    assertRejected(token, "session revoked");
    assertThat(tokens.verifyAccessToken(other).sessionId()).isEqualTo("session-2");
  }

  @Test
  void jwks_publishesPublicPartsOnly() {
    Map<String, Object> jwks = tokens.jwks();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).containsEntry("kid", key.getKeyID()).containsEntry("kty", "EC")
        .containsEntry("crv", "P-256").containsKeys("x", "y").doesNotContainKey("d");
    assertThat(jwks.toString()).doesNotContain(key.getD().toString());
  }

  @Test
  void verify_rejectsAnExpiredToken_thatVerifiedBefore() {
    String token = tokens.issue(ALICE, "session-1").accessToken();
    assertThat(tokens.verifyAccessToken(token).userId()).isEqualTo("user-alice"); // now remembered
    clock.advance(TTL.plusSeconds(31));
    assertRejected(token, "token expired");
  }

  @Test
  void verify_rejectsARememberedToken_onceItsSessionIsRevoked() {
    String token = tokens.issue(ALICE, "session-1").accessToken();
    assertThat(tokens.verifyAccessToken(token).sessionId()).isEqualTo("session-1");
    revoked.add("session-1");
    assertRejected(token, "session revoked");
  }

  @Test
  void verify_doesNotRememberRejectedTokens() throws Exception {
    String tampered = tokens.issue(ALICE, "session-1").accessToken();
    String[] parts = tampered.split("\\.");
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        accessClaims().subject("user-mallory").build().toString().getBytes()) + "." + parts[2];
    assertRejected(forged, "invalid signature");
    assertRejected(forged, "invalid signature");
  }
}
