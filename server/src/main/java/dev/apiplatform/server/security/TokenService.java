package dev.apiplatform.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues and verifies the platform's ES256 JWTs. Verification trusts nothing in the token but
 * its kid: the algorithm is pinned to ES256 and keys come only from our own {@link SigningKeys}
 * (never from the token's jwk/jku/x5u headers), so alg=none, HS256-with-the-public-key and
 * attacker-supplied keys all fail.
 */
public final class TokenService {

  static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);
  static final String TOKEN_USE = "token_use";
  // Far above any token we issue; bounds the work an attacker can make us do before rejecting.
  private static final int MAX_TOKEN_CHARS = 8 * 1024;
  private static final Set<String> REQUIRED = Set.of("sub", "sid", "iat", "exp", "jti", TOKEN_USE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;
  private final Duration accessTtl;
  private final Clock clock;
  private final SessionRevocations revocations;
  private final ECDSASigner signer;
  private final JWSHeader header;
  private final DefaultJWTProcessor<SecurityContext> processor;
  /**
   * Tokens whose signature and claims already verified. ES256 verification costs about a
   * millisecond on JDK 17 and a client sends the same token on every call until it expires; the
   * same bytes always verify the same way, so a hit skips the signature but still checks expiry
   * and revocation. Bounded in size and age.
   */
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(20_000)
      .expireAfterWrite(Duration.ofMinutes(10))
      .build();

  private record Verified(AuthenticatedUser user, Instant expiresAt) {}

  public TokenService(SigningKeys keys, String issuer, String audience, Duration accessTtl, Clock clock,
      SessionRevocations revocations) {
    if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("issuer and audience are required");
    }
    if (accessTtl.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("access token TTL below one minute: " + accessTtl);
    }
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.accessTtl = accessTtl;
    this.clock = clock;
    this.revocations = revocations;
    try {
      this.signer = new ECDSASigner(keys.active());
    } catch (JOSEException e) {
      throw new IllegalStateException("the active signing key cannot sign ES256", e);
    }
    this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(keys.active().getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
    this.processor = processor();
  }

  private DefaultJWTProcessor<SecurityContext> processor() {
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicSet())));
    DefaultJWTClaimsVerifier<SecurityContext> standard = new DefaultJWTClaimsVerifier<>(
        Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer).claim(TOKEN_USE, "access").build(),
        REQUIRED,
        Set.of()) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    standard.setMaxClockSkew((int) MAX_CLOCK_SKEW.toSeconds());
    // Nimbus decides; we only name the reason, from fixed strings rather than its messages,
    // which quote claim values.
    p.setJWTClaimsSetVerifier((claims, context) -> {
      try {
        standard.verify(claims, context);
      } catch (BadJWTException e) {
        throw new RejectedClaims(reason(claims));
      }
    });
    return p;
  }

  public IssuedTokens issue(TokenSubject subject, String sessionId) {
    if (sessionId == null || sessionId.isBlank()) throw new IllegalArgumentException("sessionId is required");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Date issuedAt = Date.from(now);
    Date expires = Date.from(now.plus(accessTtl));
    JWTClaimsSet access = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject.userId())
        .issueTime(issuedAt)
        .expirationTime(expires)
        .jwtID(randomId())
        .claim("sid", sessionId)
        .claim(TOKEN_USE, "access")
        .claim("roles", List.copyOf(new TreeSet<>(subject.roles())))
        .claim("permissions", List.copyOf(new TreeSet<>(subject.permissions())))
        .build();
    JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject.userId())
        .issueTime(issuedAt)
        .expirationTime(expires)
        .claim(TOKEN_USE, "id");
    subject.email().ifPresent(email -> id.claim("email", email).claim("email_verified", subject.emailVerified()));
    subject.phoneNumber().ifPresent(phone -> id.claim("phone_number", phone));
    return new IssuedTokens(sign(access), sign(id.build()), accessTtl.toSeconds());
  }

  /**
   * @throws InvalidTokenException with a short reason when the token is not a valid, unrevoked
   *     access token of ours
   */
  public AuthenticatedUser verifyAccessToken(String token) {
    Verified known = token == null ? null : verified.getIfPresent(token);
    if (known != null && clock.instant().isBefore(known.expiresAt().plus(MAX_CLOCK_SKEW))) {
      if (revocations.isRevoked(known.user().sessionId())) throw new InvalidTokenException("session revoked");
      return known.user();
    }
    return verifyFully(token);
  }

  private AuthenticatedUser verifyFully(String token) {
    SignedJWT jwt = signedEs256(token);
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (RejectedClaims e) {
      throw new InvalidTokenException(e.getMessage());
    } catch (BadJWSException e) {
      throw new InvalidTokenException("invalid signature");
    } catch (BadJOSEException | JOSEException e) {
      throw new InvalidTokenException("invalid token");
    }
    String userId = claims.getSubject();
    String sessionId = claims.getClaim("sid") instanceof String s ? s : null;
    if (userId == null || userId.isBlank() || sessionId == null || sessionId.isBlank()) {
      throw new InvalidTokenException("missing required claims");
    }
    Set<String> roles;
    Set<String> permissions;
    try {
      roles = stringSet(claims, "roles");
      permissions = stringSet(claims, "permissions");
    } catch (ParseException e) {
      throw new InvalidTokenException("invalid claims");
    }
    if (revocations.isRevoked(sessionId)) throw new InvalidTokenException("session revoked");
    AuthenticatedUser user = new AuthenticatedUser(userId, sessionId, roles, permissions);
    verified.put(token, new Verified(user, claims.getExpirationTime().toInstant()));
    return user;
  }

  /** The public JWK Set, as served at {@code /.well-known/jwks.json}. */
  public Map<String, Object> jwks() {
    return keys.publicSet().toJSONObject(true);
  }

  /**
   * Checks the processor would make anyway, done first only to give a precise reason; the
   * processor still enforces all of them.
   */
  private SignedJWT signedEs256(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidTokenException("malformed token");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException("malformed token");
    }
    if (!(parsed instanceof SignedJWT jwt)) throw new InvalidTokenException("unsupported algorithm");
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidTokenException("unsupported algorithm");
    }
    if (keys.publicKey(jwt.getHeader().getKeyID()).isEmpty()) throw new InvalidTokenException("unknown signing key");
    return jwt;
  }

  private String reason(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    Object use = claims.getClaim(TOKEN_USE);
    if (use != null && !"access".equals(use)) return "not an access token";
    if (REQUIRED.stream().anyMatch(name -> claims.getClaim(name) == null)) return "missing required claims";
    if (exp != null && !exp.toInstant().plus(MAX_CLOCK_SKEW).isAfter(now)) return "token expired";
    if (nbf != null && nbf.toInstant().minus(MAX_CLOCK_SKEW).isAfter(now)) return "token not yet valid";
    if (!issuer.equals(claims.getIssuer())) return "wrong issuer";
    if (claims.getAudience() == null || !claims.getAudience().contains(audience)) return "wrong audience";
    return "invalid claims";
  }

  private static Set<String> stringSet(JWTClaimsSet claims, String name) throws ParseException {
    List<String> values = claims.getStringListClaim(name);
    if (values == null) return Set.of();
    if (values.contains(null)) throw new ParseException(name + " holds a null", 0);
    return Set.copyOf(values);
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private static String randomId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A claims rejection whose message is one of our fixed reasons. */
  private static final class RejectedClaims extends BadJWTException {
    RejectedClaims(String reason) {
      super(reason);
    }
  }
}
