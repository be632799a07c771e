package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.notify.Notifier;
import dev.apiplatform.server.profile.ProfileService;
import dev.apiplatform.server.profile.VoiceStyles;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agent's SMS commands, for the user found by the sender's number: {@code VOICE <style>}
 * selects a voice style (through the profile's own rule), {@code HELP} lists the commands. The
 * command is one conditional write, so it is applied in the request; the reply is an SMS through
 * the platform's queued notifier (the one sending path: retries, dead letter, sent once), and
 * the webhook's TwiML is empty so Twilio sends nothing of its own. A number no user has gets no
 * reply: we text only numbers that signed up (each SMS costs, and strangers would get marketing-like texts).
 */
public final class SmsCommands {

  private final UserStore users;
  private final ProfileService profiles;
  private final Notifier replies;

  public SmsCommands(UserStore users, ProfileService profiles, Notifier replies) {
    this.users = users;
    this.profiles = profiles;
    this.replies = replies;
  }

  /** Applies the command of {@code from}'s user and queues the reply; false when no user has that number. */
  public boolean handle(String from, String body) {
    Optional<User> user = users.findByPhone(from == null ? "" : from.trim());
    if (user.isEmpty()) return false;
    replies.sendSms(user.get().phoneNumber().orElse(from.trim()), reply(user.get(), body));
    return true;
  }

  String reply(User user, String body) {
    String text = body == null ? "" : body.trim();
    String[] words = text.split("\\s+", 2);
    String command = words[0].toUpperCase(Locale.ROOT);
    if (command.equals("VOICE")) {
      if (words.length < 2) return "Send VOICE <style>, one of: " + styles();
      String wanted = words[1].trim().toLowerCase(Locale.ROOT);
      try {
        ProfileService.Profile p = profiles.selectVoice(user.userId(), wanted);
        return "Voice set to " + p.voice().name() + ". Your next activity will be named in it.";
      } catch (InvalidField unknown) {
        return "Unknown voice '" + words[1].trim() + "'. Choose one of: " + styles();
      }
    }
    if (command.equals("HELP")) return help(user);
    return "Sorry, I did not understand. " + help(user);
  }

  private String help(User user) {
    VoiceStyles.Style current = profiles.get(user.userId()).voice();
    return "MetaMatic: VOICE <style> changes how your activities are named (now: " + current.name()
        + "; styles: " + styles() + "). HELP shows this.";
  }

  private String styles() {
    return profiles.voices().stream().map(VoiceStyles.Style::id).collect(Collectors.joining(", "));
  }

  /** The TwiML answer: empty, the reply (if any) is on the notification queue. */
  public static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
}
