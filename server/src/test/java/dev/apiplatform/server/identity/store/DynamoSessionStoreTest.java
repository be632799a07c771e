package dev.apiplatform.server.identity.store;

import dev.apiplatform.server.testing.MutableClock;
import dev.apiplatform.server.storage.StoreTables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.identity.store.DynamoSessionStore;
import dev.apiplatform.server.identity.store.IdentityStoreException;
import dev.apiplatform.server.identity.store.RefreshTokenRecord;
import dev.apiplatform.server.identity.store.RotationResult;
import dev.apiplatform.server.identity.store.RotationResult.Outcome;
import dev.apiplatform.server.identity.store.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.apiplatform.server.testing.AtOnce;

class DynamoSessionStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  private static final Duration TOKEN_LIFETIME = Duration.ofDays(14);

  private static StoreTables tables;
  private static MutableClock clock;
  private static DynamoSessionStore store;

  @BeforeAll
  static void start() {
    tables = StoreTables.start();
    clock = new MutableClock(T0);
    store = new DynamoSessionStore(tables.dynamo, tables.definitions, clock);
  }

  @AfterAll
  static void stop() {
    if (tables != null) tables.close();
  }

  private static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private record Opened(Session session, RefreshTokenRecord token) {}

  private static Opened open(String userId) {
    Instant now = clock.instant();
    Session session = Session.open(id("s"), userId, now, now.plus(SESSION_LIFETIME));
    RefreshTokenRecord token = token(session, now);
    store.create(session, token);
    return new Opened(session, token);
  }

  private static RefreshTokenRecord token(Session session, Instant now) {
    return RefreshTokenRecord.issued(id("h"), session.sessionId(), session.userId(), now, now.plus(TOKEN_LIFETIME));
  }

  @Test
  void createdSessionAndTokenAreFound() {
    Opened opened = open(id("u"));

    assertThat(store.find(opened.session().sessionId())).contains(opened.session());
    assertThat(store.findRefreshToken(opened.token().tokenHash())).contains(opened.token());
    assertThat(store.isRevoked(opened.session().sessionId())).isFalse();
  }

  @Test
  void sessionIdCannotBeCreatedTwice() {
    Opened opened = open(id("u"));
    RefreshTokenRecord another = token(opened.session(), clock.instant());

    assertThatThrownBy(() -> store.create(opened.session(), another)).isInstanceOf(IdentityStoreException.class);
    assertThat(store.findRefreshToken(another.tokenHash())).isEmpty();
  }

  @Test
  void tokenOfAnotherSessionIsRefusedAtCreate() {
    Session session = Session.open(id("s"), id("u"), T0, T0.plus(SESSION_LIFETIME));
    RefreshTokenRecord foreign = RefreshTokenRecord.issued(id("h"), id("s"), session.userId(), T0, T0.plus(TOKEN_LIFETIME));

    assertThatThrownBy(() -> store.create(session, foreign)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingOrExpiredSessionCountsAsRevoked() {
    assertThat(store.isRevoked(id("s"))).isTrue();
    Opened opened = open(id("u"));
    clock.advance(SESSION_LIFETIME);
    try {
      assertThat(store.isRevoked(opened.session().sessionId())).isTrue();
    } finally {
      clock.advance(SESSION_LIFETIME.negated());
    }
  }

  @Test
  void rotationMarksThePresentedTokenUsedAndStoresTheSuccessor() {
    Opened opened = open(id("u"));
    Instant now = clock.instant().plusSeconds(60);
    RefreshTokenRecord successor = token(opened.session(), now);

    RotationResult result = store.rotate(opened.token().tokenHash(), successor, now);

    assertThat(result).isEqualTo(RotationResult.rotated(opened.session().sessionId(), opened.session().userId()));
    RefreshTokenRecord used = store.findRefreshToken(opened.token().tokenHash()).orElseThrow();
    assertThat(used.usedAt()).contains(now);
    assertThat(used.replacedBy()).contains(successor.tokenHash());
    assertThat(store.findRefreshToken(successor.tokenHash())).contains(successor);
  }

  @Test
  void rotatingTheSameTokenTwiceReportsReuseWithUsedAt() {
    Opened opened = open(id("u"));
    Instant first = clock.instant().plusSeconds(60);
    RefreshTokenRecord successor = token(opened.session(), first);
    store.rotate(opened.token().tokenHash(), successor, first);

    Instant second = first.plusSeconds(5);
    RefreshTokenRecord another = token(opened.session(), second);
    RotationResult result = store.rotate(opened.token().tokenHash(), another, second);

    assertThat(result.outcome()).isEqualTo(Outcome.REUSED);
    assertThat(result.presented()).hasValueSatisfying(p -> {
      assertThat(p.usedAt()).contains(first);
      assertThat(p.replacedBy()).contains(successor.tokenHash());
    });
    assertThat(result.sessionId()).contains(opened.session().sessionId());
    assertThat(store.findRefreshToken(another.tokenHash())).isEmpty();
  }

  @Test
  void concurrentRotationsOfOneTokenRotateExactlyOnce() throws Exception {
    Opened opened = open(id("u"));
    int threads = 4;
    List<Outcome> outcomes = AtOnce.<RotationResult>values(threads, i -> {
      RefreshTokenRecord successor = token(opened.session(), clock.instant());
      return () -> store.rotate(opened.token().tokenHash(), successor, clock.instant());
    }).stream().map(RotationResult::outcome).toList();
    assertThat(outcomes).containsOnly(Outcome.ROTATED, Outcome.REUSED);
    assertThat(outcomes).filteredOn(o -> o == Outcome.ROTATED).hasSize(1);
  }

  @Test
  void rotationOnARevokedSessionIsRefused() {
    Opened opened = open(id("u"));
    store.revoke(opened.session().sessionId(), "logout");
    RefreshTokenRecord successor = token(opened.session(), clock.instant());

    RotationResult result = store.rotate(opened.token().tokenHash(), successor, clock.instant());

    assertThat(result).isEqualTo(RotationResult.revoked());
    assertThat(store.findRefreshToken(opened.token().tokenHash()).get().usedAt()).isEmpty();
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }

  @Test
  void rotationOfAnUnknownTokenIsNotFound() {
    Opened opened = open(id("u"));
    RefreshTokenRecord successor = token(opened.session(), clock.instant());

    assertThat(store.rotate(id("h"), successor, clock.instant())).isEqualTo(RotationResult.notFound());
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }

  @Test
  void rotationForeignToTheSuccessorsSessionIsNotFound() {
    Opened mine = open(id("u"));
    Opened theirs = open(id("u"));
    RefreshTokenRecord successor = token(mine.session(), clock.instant());

    assertThat(store.rotate(theirs.token().tokenHash(), successor, clock.instant()))
        .isEqualTo(RotationResult.notFound());
    assertThat(store.findRefreshToken(theirs.token().tokenHash()).get().usedAt()).isEmpty();
  }

  @Test
  void rotationOfAnExpiredTokenIsExpired() {
    Opened opened = open(id("u"));
    Instant late = opened.token().expiresAt();
    RefreshTokenRecord successor = token(opened.session(), late);

    assertThat(store.rotate(opened.token().tokenHash(), successor, late)).isEqualTo(RotationResult.expired());
    assertThat(store.findRefreshToken(successor.tokenHash())).isEmpty();
  }

  @Test
  void revokeKeepsTheFirstReason() {
    Opened opened = open(id("u"));
    store.revoke(opened.session().sessionId(), "logout");
    clock.advance(Duration.ofSeconds(5));
    store.revoke(opened.session().sessionId(), "password_reset");
    store.revoke(id("s"), "logout"); // unknown: no-op

    Session revoked = store.find(opened.session().sessionId()).orElseThrow();
    assertThat(revoked.revokeReason()).contains("logout");
    assertThat(revoked.revokedAt()).isPresent();
    assertThat(store.isRevoked(opened.session().sessionId())).isTrue();
  }

  @Test
  void revokeAllForUserRevokesEverySessionOfThatUserOnly() {
    String user = id("u");
    Opened a = open(user);
    Opened b = open(user);
    Opened c = open(user);
    store.revoke(c.session().sessionId(), "logout");
    Opened other = open(id("u"));

    int revoked = store.revokeAllForUser(user, "password_reset");

    assertThat(revoked).isEqualTo(2);
    assertThat(store.isRevoked(a.session().sessionId())).isTrue();
    assertThat(store.isRevoked(b.session().sessionId())).isTrue();
    assertThat(store.find(a.session().sessionId()).get().revokeReason()).contains("password_reset");
    assertThat(store.find(c.session().sessionId()).get().revokeReason()).contains("logout");
    assertThat(store.isRevoked(other.session().sessionId())).isFalse();
    assertThat(store.rotate(a.token().tokenHash(), token(a.session(), clock.instant()), clock.instant()).outcome())
        .isEqualTo(Outcome.REVOKED);
  }
}
