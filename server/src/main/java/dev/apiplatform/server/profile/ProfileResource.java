package dev.apiplatform.server.profile;

import dev.apiplatform.server.api.ProfileApi;
import dev.apiplatform.server.api.model.StravaConnectionDto;
import dev.apiplatform.server.api.model.UpdateUserSettingsRequestDto;
import dev.apiplatform.server.api.model.UserProfileDto;
import dev.apiplatform.server.api.model.UserSettingsDto;
import dev.apiplatform.server.api.model.VoiceStyleDto;
import dev.apiplatform.server.api.model.VoiceStyleListDto;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** MetaMatic's /user: each operation is one call into {@link ProfileService} for the caller. */
public final class ProfileResource implements ProfileApi {

  private final ProfileService profiles;

  @Context private SecurityContext security;

  public ProfileResource(ProfileService profiles) {
    this.profiles = profiles;
  }

  @Override
  public UserProfileDto profileGet() {
    return toProfile(profiles.get(CurrentUser.require(security).userId()));
  }

  @Override
  public UserProfileDto profileUpdateSettings(UpdateUserSettingsRequestDto body) {
    return toProfile(profiles.selectVoice(CurrentUser.require(security).userId(), body.getSelectedVoiceId()));
  }

  @Override
  public VoiceStyleListDto profileListVoices() {
    CurrentUser.require(security);
    String defaultId = profiles.defaultVoice().id();
    List<VoiceStyleDto> styles = profiles.voices().stream().map(s -> {
      VoiceStyleDto style = new VoiceStyleDto();
      style.setId(s.id());
      style.setName(s.name());
      style.setDescription(s.description());
      style.setIsDefault(s.id().equals(defaultId));
      return style;
    }).toList();
    VoiceStyleListDto list = new VoiceStyleListDto();
    list.setVoices(styles);
    return list;
  }

  /** The connection as every response shows it: never a token. */
  public static StravaConnectionDto toConnection(Optional<StravaLink> link) {
    StravaConnectionDto strava = new StravaConnectionDto();
    strava.setConnected(link.isPresent());
    strava.setScopes(null); // the generated model starts with an empty list: absent, not []
    link.ifPresent(l -> {
      strava.setAthleteId(l.athleteId());
      strava.setScopes(l.scopes());
      strava.setConnectedAt(l.connectedAt().atOffset(ZoneOffset.UTC));
      strava.setTokenExpiresAt(l.tokenExpiresAt().atOffset(ZoneOffset.UTC));
    });
    return strava;
  }

  static UserProfileDto toProfile(ProfileService.Profile profile) {
    User user = profile.user();
    UserProfileDto out = new UserProfileDto();
    out.setUserId(user.userId());
    user.phoneNumber().ifPresent(out::setPhoneNumber);
    user.email().ifPresent(out::setEmail);
    out.setStatus(User.STATUS_ACTIVE.equals(user.status()) ? UserProfileDto.StatusEnum.ACTIVE : UserProfileDto.StatusEnum.INACTIVE);
    out.setStrava(toConnection(profile.strava()));
    UserSettingsDto settings = new UserSettingsDto();
    settings.setSelectedVoiceId(profile.voice().id());
    out.setSettings(settings);
    out.setCreatedAt(user.createdAt().atOffset(ZoneOffset.UTC));
    out.setUpdatedAt(user.updatedAt().atOffset(ZoneOffset.UTC));
    return out;
  }
}
