package dev.apiplatform.server.profile;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.StravaLink;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserNotFoundException;
import dev.apiplatform.server.identity.store.UserStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * MetaMatic's profile rules: the caller reads their own user, and chooses a voice style from the
 * catalogue. There is no user id parameter anywhere: the caller is always the token's subject.
 */
public final class ProfileService {

  /** One user as the profile shows it, with the voice style the user's choice resolves to. */
  public record Profile(User user, VoiceStyles.Style voice, Optional<StravaLink> strava) {}

  private final UserStore users;
  private final VoiceStyles voices;
  private final Function<String, Optional<StravaLink>> stravaLinks;

  public ProfileService(UserStore users, VoiceStyles voices) {
    this(users, voices, userId -> Optional.empty());
  }

  /** @param stravaLinks the user's connected athlete ({@code StravaLinkStore::find}) */
  public ProfileService(UserStore users, VoiceStyles voices, Function<String, Optional<StravaLink>> stravaLinks) {
    this.users = users;
    this.voices = voices;
    this.stravaLinks = stravaLinks;
  }

  public Profile get(String userId) {
    return profile(load(userId));
  }

  public List<VoiceStyles.Style> voices() {
    return voices.all();
  }

  public VoiceStyles.Style defaultVoice() {
    return voices.defaultStyle();
  }

  /**
   * Stores the caller's voice style. The write is conditional on the version just read; if
   * another write to the same user slipped in between (a sign-in, a name change), it is read and
   * tried once more, then the conflict reaches the client as 409 ({@link StaleUserException}).
   */
  public Profile selectVoice(String userId, String voiceId) {
    VoiceStyles.Style style = voices.find(voiceId).orElseThrow(() -> unknownVoice(voiceId));
    try {
      return profile(write(load(userId), style));
    } catch (StaleUserException first) {
      return profile(write(load(userId), style));
    }
  }

  private User write(User user, VoiceStyles.Style style) {
    if (user.selectedVoiceId().filter(style.id()::equals).isPresent()) return user; // nothing changes
    try {
      return users.update(user.withSelectedVoiceId(Optional.of(style.id())));
    } catch (UserNotFoundException e) {
      throw new AccountGone();
    }
  }

  private User load(String userId) {
    // a valid token for a user that no longer exists is an authentication failure, not a 404
    return users.findById(userId).orElseThrow(AccountGone::new);
  }

  private Profile profile(User user) {
    return new Profile(user, voices.effective(user.selectedVoiceId()), stravaLinks.apply(user.userId()));
  }

  private InvalidField unknownVoice(String voiceId) {
    return new InvalidField("body.selected_voice_id", "is not an available voice style; GET /user/voices lists them",
        "unknown_voice");
  }
}
