package dev.apiplatform.server.identity;

import static dev.apiplatform.server.identity.IdentityServices.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.identity.Sessions.SessionTokens;
import dev.apiplatform.server.identity.store.RefreshTokenRecord;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@code Sessions} with the real {@code TokenService} and the shared {@code CachedRevocations}:
 * rotation, replay within and after the grace, logout, password reset, absolute expiry. Access
 * tokens are checked with {@code TokenService.verifyAccessToken} before a revocation too, so the
 * revocation cache holds "not revoked" and the test proves the service invalidates it.
 */
class SessionsServiceTest extends IdentityServicesTestBase {

  private static final Duration GRACE = Duration.ofSeconds(10);

  // --- rotation and replay -------------------------------------------------------------------

  @Test
  void refresh_rotates_andTheRetiredTokenIsRefused() {
    SessionTokens first = s.sessions.start(newUser());

    SessionTokens second = s.sessions.refresh(first.refreshToken());

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(sessionOf(second)).isEqualTo(sessionOf(first));
    assertInvalidRefresh(() -> s.sessions.refresh(first.refreshToken()));
  }

  @Test
  void refresh_retiredTokenWithinGrace_isRefused_butTheSessionLivesOn() {
    SessionTokens first = s.sessions.start(newUser());
    SessionTokens second = s.sessions.refresh(first.refreshToken());
    s.clock.advance(GRACE.minusSeconds(1));

    assertInvalidRefresh(() -> s.sessions.refresh(first.refreshToken()));

    assertThat(s.sessionStore.isRevoked(sessionOf(second))).isFalse();
    assertThatCode(() -> s.tokens.verifyAccessToken(second.accessToken())).doesNotThrowAnyException();
    SessionTokens third = s.sessions.refresh(second.refreshToken());
    assertThat(sessionOf(third)).isEqualTo(sessionOf(first));
  }

  @Test
  void refresh_retiredTokenAfterGrace_isRefused_andEndsTheWholeSession() {
    SessionTokens first = s.sessions.start(newUser());
    SessionTokens second = s.sessions.refresh(first.refreshToken());
    String sessionId = sessionOf(second); // also caches "not revoked" for this session
    s.clock.advance(GRACE.plusSeconds(1));

    assertInvalidRefresh(() -> s.sessions.refresh(first.refreshToken()));

    assertThat(s.sessionStore.find(sessionId)).hasValueSatisfying(session ->
        assertThat(session.revokeReason()).contains("refresh_token_reuse"));
    assertInvalidRefresh(() -> s.sessions.refresh(second.refreshToken()));
    assertRevokedAccess(second.accessToken());
    assertRevokedAccess(first.accessToken());
  }

  @Test
  void refresh_replayAfterGrace_leavesOtherSessionsOfTheUserAlone() {
    User user = newUser();
    SessionTokens victim = s.sessions.start(user);
    SessionTokens otherDevice = s.sessions.start(user);
    s.sessions.refresh(victim.refreshToken());
    s.clock.advance(GRACE.plusSeconds(1));

    assertInvalidRefresh(() -> s.sessions.refresh(victim.refreshToken()));

    assertThatCode(() -> s.tokens.verifyAccessToken(otherDevice.accessToken())).doesNotThrowAnyException();
    assertThatCode(() -> s.sessions.refresh(otherDevice.refreshToken())).doesNotThrowAnyException();
  }

  @Test
  void refresh_refusesUnknownToken() {
    assertInvalidRefresh(() -> s.sessions.refresh("not-a-token-we-issued"));
  }

  // --- logout and password reset -------------------------------------------------------------

  @Test
  void logout_refusesAccessTokenAtOnce_andRefreshToken() {
    SessionTokens tokens = s.sessions.start(newUser());
    String sessionId = sessionOf(tokens); // cached: not revoked

    s.sessions.logout(sessionId);

    assertRevokedAccess(tokens.accessToken());
    assertInvalidRefresh(() -> s.sessions.refresh(tokens.refreshToken()));
  }

  @Test
  void resetPassword_revokesEverySessionOfTheUser_andOnlyTheirs() {
    String email = IdentityServices.newEmail("reset");
    String password = "Tr1cky-Otter-42";
    s.emailAccounts.signup(email, password, Optional.empty(), Optional.empty());
    s.emailAccounts.confirmEmail(email, s.notifier.lastCode(email), true);
    SessionTokens phone = s.emailAccounts.signin(email, password).tokens();
    SessionTokens laptop = s.emailAccounts.signin(email, password).tokens();
    SessionTokens bystander = s.sessions.start(newUser());
    sessionOf(phone);
    sessionOf(laptop);
    sessionOf(bystander);
    s.clock.advance(Duration.ofSeconds(61)); // one code per address per minute: signup sent one
    s.emailAccounts.forgotPassword(email);

    s.emailAccounts.resetPassword(email, s.notifier.lastCode(email), "Brand-New-Heron-77");

    for (SessionTokens ended : new SessionTokens[] {phone, laptop}) {
      assertRevokedAccess(ended.accessToken());
      assertInvalidRefresh(() -> s.sessions.refresh(ended.refreshToken()));
    }
    assertThatCode(() -> s.tokens.verifyAccessToken(bystander.accessToken())).doesNotThrowAnyException();
    assertThatCode(() -> s.sessions.refresh(bystander.refreshToken())).doesNotThrowAnyException();
    assertThat(s.emailAccounts.signin(email, "Brand-New-Heron-77").tokens().accessToken()).isNotBlank();
  }

  // --- absolute lifetime ---------------------------------------------------------------------

  @Test
  void refresh_isRefusedAfter30Days_evenWhenRotatedDaily() {
    SessionTokens current = s.sessions.start(newUser());
    RefreshTokenRecord firstRecord = s.sessionStore.findRefreshToken(hash(current.refreshToken())).orElseThrow();

    for (int day = 1; day < 30; day++) {
      s.clock.advance(Duration.ofDays(1));
      current = s.sessions.refresh(current.refreshToken());
    }
    RefreshTokenRecord lastRecord = s.sessionStore.findRefreshToken(hash(current.refreshToken())).orElseThrow();
    assertThat(lastRecord.expiresAt()).as("rotation never extends a session").isEqualTo(firstRecord.expiresAt());
    String lastRefresh = current.refreshToken();

    s.clock.advance(Duration.ofDays(1)); // day 30: the session's absolute end

    assertInvalidRefresh(() -> s.sessions.refresh(lastRefresh));
    assertThat(s.sessionStore.isRevoked(firstRecord.sessionId())).as("expired counts as ended").isTrue();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static User newUser() {
    return s.users.create(User.newUser(UUID.randomUUID().toString(), s.clock.instant())
        .withEmail(IdentityServices.newEmail("session"), true));
  }

  /** The session id in the access token; verifying also caches "not revoked" for the session. */
  private static String sessionOf(SessionTokens tokens) {
    AuthenticatedUser user = s.tokens.verifyAccessToken(tokens.accessToken());
    return user.sessionId();
  }

  private static void assertRevokedAccess(String accessToken) {
    assertThatThrownBy(() -> s.tokens.verifyAccessToken(accessToken))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("session revoked");
  }

  private static void assertInvalidRefresh(ThrowingCallable call) {
    ApiException e = refusal(call);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.toProblem().type()).isEqualTo("/problems/invalid-refresh-token");
  }

  /** As Sessions.hash: the store keys refresh tokens by their SHA-256. */
  private static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
