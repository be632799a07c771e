package dev.apiplatform.server.strava;

import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The token provider every Strava call goes through. A token expiring within 5 minutes is
 * refreshed first; the new pair replaces the old with a write conditional on the token version
 * read, so of concurrent refreshes (threads here, or other server instances) one write wins and
 * every loser reads and uses the winner's token: all converge on the newest token. Within one
 * process refreshes of one user are also serialized, so Strava sees one refresh, not many.
 */
public final class StravaTokens {

  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  static final String ACCESS = "strava-access";
  static final String REFRESH = "strava-refresh";

  private final StravaLinkStore links;
  private final StravaClient client;
  private final TokenCipher cipher;
  private final Clock clock;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public StravaTokens(StravaLinkStore links, StravaClient client, TokenCipher cipher, Clock clock) {
    this.links = links;
    this.client = client;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** A valid access token for the user, refreshed when it expires within 5 minutes. */
  public String accessToken(String userId) {
    StravaLink link = links.find(userId).orElseThrow(NotConnected::new);
    if (fresh(link)) return access(userId, link);
    return refreshed(userId, link.tokenVersion());
  }

  /**
   * Runs {@code call} with the user's token; on a 401 refreshes once (unless another caller has
   * replaced the refused token already) and runs it again.
   */
  public <T> T withToken(String userId, Function<String, T> call) {
    StravaLink before = links.find(userId).orElseThrow(NotConnected::new);
    String token = fresh(before) ? access(userId, before) : refreshed(userId, before.tokenVersion());
    try {
      return call.apply(token);
    } catch (StravaClient.Unauthorized refused) {
      long version = links.find(userId).orElseThrow(NotConnected::new).tokenVersion();
      return call.apply(refreshed(userId, version));
    }
  }

  /** Encrypted pair for a fresh connection. */
  public StravaLink seal(String userId, StravaClient.Tokens t, java.util.List<String> scopes) {
    return new StravaLink(t.athleteId(), scopes, cipher.encrypt(t.accessToken(), userId, ACCESS),
        cipher.encrypt(t.refreshToken(), userId, REFRESH), t.expiresAt(), clock.instant(), 0);
  }

  public Optional<String> currentAccessToken(String userId) {
    return links.find(userId).map(l -> access(userId, l));
  }

  /** The token after a refresh of any version newer than {@code staleVersion}. */
  private String refreshed(String userId, long staleVersion) {
    synchronized (locks.computeIfAbsent(userId, k -> new Object())) {
      for (int attempt = 0; attempt < 3; attempt++) {
        StravaLink current = links.find(userId).orElseThrow(NotConnected::new);
        if (current.tokenVersion() > staleVersion && fresh(current)) return access(userId, current);
        StravaClient.Tokens t;
        try {
          t = client.refresh(cipher.decrypt(current.refreshTokenCipher(), userId, REFRESH), current.athleteId());
        } catch (StravaClient.Unauthorized revoked) {
          // another instance may have rotated the refresh token meanwhile: look again
          StravaLink again = links.find(userId).orElseThrow(NotConnected::new);
          if (again.tokenVersion() != current.tokenVersion()) continue;
          throw new StravaUnavailable("Strava no longer accepts this connection; connect again", true);
        }
        Optional<StravaLink> written = links.replaceTokens(userId, current,
            cipher.encrypt(t.accessToken(), userId, ACCESS), cipher.encrypt(t.refreshToken(), userId, REFRESH),
            t.expiresAt());
        if (written.isPresent()) return t.accessToken();
        // another writer won: its token is at least as new as ours; loop reads and uses it
      }
      throw new StravaUnavailable("Strava tokens kept changing during refresh; retry", false);
    }
  }

  private boolean fresh(StravaLink link) {
    return link.tokenExpiresAt().isAfter(clock.instant().plus(REFRESH_MARGIN));
  }

  private String access(String userId, StravaLink link) {
    return cipher.decrypt(link.accessTokenCipher(), userId, ACCESS);
  }

  /** The user has no Strava athlete connected (any more). */
  public static final class NotConnected extends RuntimeException {
    NotConnected() {
      super("no Strava athlete connected", null, false, false);
    }
  }
}
