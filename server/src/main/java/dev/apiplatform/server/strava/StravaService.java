package dev.apiplatform.server.strava;

import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.StravaLinkStore;
import dev.apiplatform.server.identity.store.UserNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The caller's Strava connection: the authorize URL, the callback's checks (state, scopes,
 * athlete ownership) and disconnecting. The caller is always the token's subject.
 */
public final class StravaService {

  /** What the authorize URL asks for; the last two are what the agent cannot work without. */
  static final String REQUESTED_SCOPE = "read,activity:read_all,activity:write";
  static final List<String> REQUIRED_SCOPES = List.of("activity:read_all", "activity:write");

  public record AuthorizeUrl(String url, String state, java.time.Instant expiresAt) {}

  private final StravaSettings settings;
  private final OAuthStates states;
  private final StravaClient client;
  private final StravaTokens tokens;
  private final StravaLinkStore links;

  StravaService(StravaSettings settings, OAuthStates states, StravaClient client, StravaTokens tokens,
      StravaLinkStore links) {
    this.settings = settings;
    this.states = states;
    this.client = client;
    this.tokens = tokens;
    this.links = links;
  }

  public AuthorizeUrl authorizeUrl(String userId) {
    requireConfigured();
    OAuthStates.Issued issued = states.issue(userId);
    String url = settings.resolve("/oauth/authorize").toString()
        + "?client_id=" + enc(settings.clientId().orElseThrow())
        + "&redirect_uri=" + enc(settings.redirectUri().orElseThrow().toString())
        + "&response_type=code&approval_prompt=auto&scope=" + REQUESTED_SCOPE
        + "&state=" + enc(issued.state());
    return new AuthorizeUrl(url, issued.state(), issued.expiresAt());
  }

  public StravaLink complete(String userId, String code, String state, Optional<String> redirectScope) {
    requireConfigured();
    states.consume(state, userId);
    // the redirect's scope is what the user granted; refuse before the code is spent
    redirectScope.map(StravaService::parse).ifPresent(StravaService::requireScopes);
    StravaClient.Tokens granted = client.exchange(code);
    List<String> scopes = granted.scopes().or(() -> redirectScope.map(StravaService::parse)).orElse(List.of());
    requireScopes(scopes);
    try {
      return link(userId, tokens.seal(userId, granted, scopes));
    } catch (StravaLinkStore.AthleteLinkedException e) {
      throw new AthleteLinkedElsewhere();
    } catch (UserNotFoundException e) {
      throw new AccountGone();
    }
  }

  private StravaLink link(String userId, StravaLink sealed) {
    try {
      return links.link(userId, sealed);
    } catch (StaleUserException first) {
      return links.link(userId, sealed); // a refresh slipped in: the new connection replaces it
    }
  }

  /** Deauthorizes at Strava (best effort when the token is gone already), then forgets the link. */
  public void disconnect(String userId) {
    requireConfigured();
    if (links.find(userId).isEmpty()) return;
    try {
      tokens.withToken(userId, access -> {
        client.deauthorize(access);
        return null;
      });
    } catch (StravaTokens.NotConnected gone) {
      return;
    }
    links.unlink(userId);
  }

  public Optional<StravaLink> connection(String userId) {
    return links.find(userId);
  }

  private void requireConfigured() {
    if (!settings.configured()) throw new StravaNotConfigured();
  }

  static List<String> parse(String scope) {
    return Arrays.stream(scope.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }

  static void requireScopes(List<String> granted) {
    for (String needed : REQUIRED_SCOPES) {
      if (!granted.contains(needed)) throw new InsufficientScope(needed);
    }
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
