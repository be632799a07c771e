package dev.apiplatform.server.profile;

import dev.apiplatform.server.api.ProfileApi;
import dev.apiplatform.server.api.model.StravaConnection;
import dev.apiplatform.server.api.model.UpdateUserSettingsRequest;
import dev.apiplatform.server.api.model.UserProfile;
import dev.apiplatform.server.api.model.UserSettings;
import dev.apiplatform.server.api.model.VoiceStyle;
import dev.apiplatform.server.api.model.VoiceStyleList;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneOffset;
import java.util.List;

/** MetaMatic's /user: each operation is one call into {@link ProfileService} for the caller. */
public final class ProfileResource implements ProfileApi {

  private final ProfileService profiles;

  @Context private SecurityContext security;

  public ProfileResource(ProfileService profiles) {
    this.profiles = profiles;
  }

  @Override
  public UserProfile profileGet() {
    return toProfile(profiles.get(CurrentUser.require(security).userId()));
  }

  @Override
  public UserProfile profileUpdateSettings(UpdateUserSettingsRequest body) {
    return toProfile(profiles.selectVoice(CurrentUser.require(security).userId(), body.getSelectedVoiceId()));
  }

  @Override
  public VoiceStyleList profileListVoices() {
    CurrentUser.require(security);
    String defaultId = profiles.defaultVoice().id();
    List<VoiceStyle> styles = profiles.voices().stream().map(s -> {
      VoiceStyle style = new VoiceStyle();
      style.setId(s.id());
      style.setName(s.name());
      style.setDescription(s.description());
      style.setIsDefault(s.id().equals(defaultId));
      return style;
    }).toList();
    VoiceStyleList list = new VoiceStyleList();
    list.setVoices(styles);
    return list;
  }

  static UserProfile toProfile(ProfileService.Profile profile) {
    User user = profile.user();
    UserProfile out = new UserProfile();
    out.setUserId(user.userId());
    user.phoneNumber().ifPresent(out::setPhoneNumber);
    user.email().ifPresent(out::setEmail);
    out.setStatus(User.STATUS_ACTIVE.equals(user.status()) ? UserProfile.StatusEnum.ACTIVE : UserProfile.StatusEnum.INACTIVE);
    // no Strava athlete is stored yet (the OAuth flow comes with the Strava group); never tokens
    StravaConnection strava = new StravaConnection();
    strava.setConnected(false);
    strava.setScopes(null); // the generated model starts with an empty list: absent, not []
    out.setStrava(strava);
    UserSettings settings = new UserSettings();
    settings.setSelectedVoiceId(profile.voice().id());
    out.setSettings(settings);
    out.setCreatedAt(user.createdAt().atOffset(ZoneOffset.UTC));
    out.setUpdatedAt(user.updatedAt().atOffset(ZoneOffset.UTC));
    return out;
  }
}
