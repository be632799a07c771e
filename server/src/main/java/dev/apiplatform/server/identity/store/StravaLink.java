package dev.apiplatform.server.identity.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's connected Strava athlete, as stored on the user's item. The tokens are ciphertexts
 * (the caller encrypts them); this record never holds a plain token, and never prints one.
 *
 * @param tokenVersion raised by 1 on every token write, so a refresh replaces exactly the tokens
 *     it read (conditional write) and concurrent refreshes converge on one winner
 */
public record StravaLink(long athleteId, List<String> scopes, String accessTokenCipher, String refreshTokenCipher,
    Instant tokenExpiresAt, Instant connectedAt, long tokenVersion) {

  public StravaLink {
    Objects.requireNonNull(accessTokenCipher, "accessTokenCipher");
    Objects.requireNonNull(refreshTokenCipher, "refreshTokenCipher");
    Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    Objects.requireNonNull(connectedAt, "connectedAt");
    scopes = List.copyOf(scopes);
  }

  public StravaLink withTokens(String accessCipher, String refreshCipher, Instant expiresAt) {
    return new StravaLink(athleteId, scopes, accessCipher, refreshCipher, expiresAt, connectedAt, tokenVersion);
  }

  @Override
  public String toString() {
    return "StravaLink[athleteId=" + athleteId + ", scopes=" + scopes + ", tokenExpiresAt=" + tokenExpiresAt
        + ", tokenVersion=" + tokenVersion + "]";
  }
}
