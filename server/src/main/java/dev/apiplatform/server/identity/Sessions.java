package dev.apiplatform.server.identity;

import dev.apiplatform.server.identity.store.RefreshTokenRecord;
import dev.apiplatform.server.identity.store.RotationResult;
import dev.apiplatform.server.identity.store.Session;
import dev.apiplatform.server.identity.store.SessionStore;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.security.CachedRevocations;
import dev.apiplatform.server.security.IssuedTokens;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.security.TokenSubject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and their tokens. A session has a 30-day absolute lifetime; its refresh token is
 * opaque (256 random bits), stored only as a SHA-256 hash, and rotated on every use. A retired
 * token presented again after a short grace (a client retrying a lost response) is taken as theft:
 * the whole session ends.
 */
public final class Sessions {

  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What every sign-in flow hands back, in each seed's own field names. */
  public record SessionTokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
    @Override
    public String toString() {
      return "SessionTokens[expiresIn=" + expiresIn + "]";
    }
  }

  private final SessionStore sessions;
  private final UserStore users;
  private final TokenService tokens;
  private final CachedRevocations revocations;
  private final IdentitySettings settings;
  private final Clock clock;

  public Sessions(SessionStore sessions, UserStore users, TokenService tokens, CachedRevocations revocations,
      IdentitySettings settings, Clock clock) {
    this.sessions = sessions;
    this.users = users;
    this.tokens = tokens;
    this.revocations = revocations;
    this.settings = settings;
    this.clock = clock;
  }

  public SessionTokens start(User user) {
    Instant now = clock.instant();
    String sessionId = UUID.randomUUID().toString();
    String refresh = newRefreshToken();
    Instant expires = now.plus(settings.sessionLifetime());
    sessions.create(new Session(sessionId, user.userId(), now, expires, Optional.empty(), Optional.empty()),
        RefreshTokenRecord.issued(hash(refresh), sessionId, user.userId(), now, expires));
    return tokensFor(user, sessionId, refresh);
  }

  public SessionTokens refresh(String refreshToken) {
    Instant now = clock.instant();
    String presentedHash = hash(refreshToken);
    RefreshTokenRecord presented = sessions.findRefreshToken(presentedHash)
        .orElseThrow(InvalidRefreshToken::new);
    String successor = newRefreshToken();
    // the successor keeps the session's absolute expiry: rotation never extends a session
    RotationResult result = sessions.rotate(presentedHash, RefreshTokenRecord.issued(hash(successor),
        presented.sessionId(), presented.userId(), now, presented.expiresAt()), now);
    switch (result.outcome()) {
      case ROTATED -> {
        User user = users.findById(presented.userId()).orElseThrow(InvalidRefreshToken::new);
        return tokensFor(user, presented.sessionId(), successor);
      }
      case REUSED -> {
        Instant usedAt = result.presented().flatMap(RefreshTokenRecord::usedAt).orElse(now);
        if (usedAt.plus(settings.refreshReuseGrace()).isBefore(now)) {
          LOG.warn("Refresh token reused after rotation; revoking session {}", presented.sessionId());
          revoke(presented.sessionId(), "refresh_token_reuse");
        }
        throw new InvalidRefreshToken();
      }
      default -> throw new InvalidRefreshToken();
    }
  }

  public void logout(String sessionId) {
    revoke(sessionId, "logout");
  }

  /** Ends every session of the user (password reset). */
  public void revokeAll(String userId, String reason) {
    sessions.revokeAllForUser(userId, reason);
    revocations.invalidateAll();
  }

  private void revoke(String sessionId, String reason) {
    sessions.revoke(sessionId, reason);
    revocations.invalidate(sessionId);
  }

  private SessionTokens tokensFor(User user, String sessionId, String refresh) {
    Set<String> roles = Set.of(user.role());
    IssuedTokens issued = tokens.issue(new TokenSubject(user.userId(), user.email(), user.phoneNumber(),
        user.emailVerified(), roles, Roles.permissions(user.role())), sessionId);
    return new SessionTokens(issued.accessToken(), issued.idToken(), refresh, issued.expiresInSeconds());
  }

  private static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Unkeyed SHA-256 is enough: the input has 256 bits of entropy, nothing to brute-force. */
  static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
