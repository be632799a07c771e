package dev.apiplatform.server.strava;

import dev.apiplatform.server.api.StravaApi;
import dev.apiplatform.server.api.model.OAuthCallbackDto;
import dev.apiplatform.server.api.model.OAuthUrlDto;
import dev.apiplatform.server.api.model.StravaConnectionDto;
import dev.apiplatform.server.profile.ProfileResource;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Optional;

/** /strava/*: each operation is one call into {@link StravaService} for the caller. */
public final class StravaResource implements StravaApi {

  private final StravaService strava;

  @Context private SecurityContext security;

  StravaResource(StravaService strava) {
    this.strava = strava;
  }

  @Override
  public OAuthUrlDto stravaGetOAuthUrl() {
    StravaService.AuthorizeUrl url = strava.authorizeUrl(CurrentUser.require(security).userId());
    OAuthUrlDto out = new OAuthUrlDto();
    out.setUrl(URI.create(url.url()));
    out.setState(url.state());
    out.setExpiresAt(url.expiresAt().atOffset(ZoneOffset.UTC));
    return out;
  }

  @Override
  public StravaConnectionDto stravaOauthCallback(OAuthCallbackDto body) {
    String userId = CurrentUser.require(security).userId();
    return ProfileResource.toConnection(Optional.of(
        strava.complete(userId, body.getCode(), body.getState(), Optional.ofNullable(body.getScope()))));
  }

  @Override
  public void stravaDisconnect() {
    strava.disconnect(CurrentUser.require(security).userId());
  }
}
