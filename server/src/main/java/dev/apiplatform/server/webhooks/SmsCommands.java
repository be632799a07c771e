package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.profile.ProfileService;
import dev.apiplatform.server.profile.VoiceStyles;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agent's SMS commands, for the user found by the sender's number: {@code VOICE <style>}
 * selects a voice style (through the profile's own rule), {@code HELP} lists the commands. The
 * answer is the reply text; the resource wraps it in TwiML.
 */
public final class SmsCommands {

  private final UserStore users;
  private final ProfileService profiles;

  public SmsCommands(UserStore users, ProfileService profiles) {
    this.users = users;
    this.profiles = profiles;
  }

  public String handle(String from, String body) {
    Optional<User> user = users.findByPhone(from == null ? "" : from.trim());
    if (user.isEmpty()) return "This number is not registered with MetaMatic. Sign up in the app first.";
    String text = body == null ? "" : body.trim();
    String[] words = text.split("\\s+", 2);
    String command = words[0].toUpperCase(Locale.ROOT);
    if (command.equals("VOICE")) {
      if (words.length < 2) return "Send VOICE <style>, one of: " + styles();
      String wanted = words[1].trim().toLowerCase(Locale.ROOT);
      try {
        ProfileService.Profile p = profiles.selectVoice(user.get().userId(), wanted);
        return "Voice set to " + p.voice().name() + ". Your next activity will be named in it.";
      } catch (InvalidField unknown) {
        return "Unknown voice '" + words[1].trim() + "'. Choose one of: " + styles();
      }
    }
    if (command.equals("HELP")) return help(user.get());
    return "Sorry, I did not understand. " + help(user.get());
  }

  private String help(User user) {
    VoiceStyles.Style current = profiles.get(user.userId()).voice();
    return "MetaMatic: VOICE <style> changes how your activities are named (now: " + current.name()
        + "; styles: " + styles() + "). HELP shows this.";
  }

  private String styles() {
    return profiles.voices().stream().map(VoiceStyles.Style::id).collect(Collectors.joining(", "));
  }

  /** TwiML with one message; the text is XML-escaped. */
  public static String twiml(String reply) {
    String escaped = reply.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&apos;");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escaped + "</Message></Response>";
  }
}
