package dev.apiplatform.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.llm.LlmException;
import dev.apiplatform.server.llm.LlmProvider;
import dev.apiplatform.server.llm.LlmRequest;
import dev.apiplatform.server.profile.VoiceStyles;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names an activity in a voice style: a template per voice by default; the platform's LLM
 * provider when one is configured (its answer is checked, and any failure falls back to the
 * template, so a renaming never waits on a model that is down).
 */
public final class ActivityNamer {

  private static final Logger log = LoggerFactory.getLogger(ActivityNamer.class);
  static final int MAX_NAME = 120;

  /** What the name is made of, read from Strava's activity. */
  public record Facts(String sport, double distanceKm, long movingMinutes, Optional<Integer> startHour) {
    static Facts of(JsonNode activity) {
      String sport = activity.path("sport_type").asText(activity.path("type").asText("Workout"));
      double km = activity.path("distance").asDouble(0) / 1000.0;
      long minutes = activity.path("moving_time").asLong(0) / 60;
      String local = activity.path("start_date_local").asText("");
      Optional<Integer> hour = local.length() >= 13 && local.charAt(10) == 'T'
          ? Optional.of(Integer.parseInt(local.substring(11, 13))) : Optional.empty();
      return new Facts(sport.isBlank() ? "Workout" : sport, km, minutes, hour);
    }
  }

  private final Optional<LlmProvider> llm;
  private final ObjectMapper json = new ObjectMapper();

  public ActivityNamer(Optional<LlmProvider> llm) {
    this.llm = llm;
  }

  public String name(JsonNode activity, VoiceStyles.Style voice) {
    Facts facts = Facts.of(activity);
    if (llm.isPresent()) {
      try {
        JsonNode schema = json.readTree("{\"type\":\"object\",\"required\":[\"name\"],"
            + "\"properties\":{\"name\":{\"type\":\"string\"}}}");
        String prompt = "Name this Strava activity in the voice '" + voice.name() + "' (" + voice.description()
            + "). Sport: " + facts.sport() + ", distance " + String.format(Locale.ROOT, "%.1f", facts.distanceKm())
            + " km, moving time " + facts.movingMinutes() + " min. At most 100 characters, no hashtags.";
        String name = llm.get().generateJson(LlmRequest.of("You name workouts.", prompt, "activity_name", schema)
            .withMaxOutputTokens(200)).json().path("name").asText("").strip();
        if (!name.isEmpty() && name.length() <= MAX_NAME) return name;
        log.warn("LLM name unusable ({} chars); using the template", name.length());
      } catch (LlmException | java.io.IOException e) {
        log.warn("LLM naming failed ({}); using the template", e.getClass().getSimpleName());
      }
    }
    return template(facts, voice.id());
  }

  /** The default engine: one template per voice, filled from the activity's facts. */
  static String template(Facts f, String voiceId) {
    String km = String.format(Locale.ROOT, "%.1f", f.distanceKm());
    String sport = f.sport().replaceAll("([a-z])([A-Z])", "$1 $2");
    String part = f.startHour().map(h -> h < 11 ? "Morning" : h < 17 ? "Afternoon" : "Evening").orElse("Daily");
    String name = switch (voiceId) {
      case "deadpan" -> sport + ". " + km + " km. It happened.";
      case "poetic" -> part + " " + sport.toLowerCase(Locale.ROOT) + ", " + km + " km of quiet road and breath";
      case "coach" -> part + " " + sport + ": " + km + " km in " + f.movingMinutes() + " min, solid work";
      case "pirate" -> "Arr! " + km + " km " + sport.toLowerCase(Locale.ROOT) + " voyage across the seven seas";
      case "haiku" -> part + " " + sport.toLowerCase(Locale.ROOT) + " / " + km + " kilometres pass / the body hums on";
      default -> "LEGENDARY " + km + " KM " + sport.toUpperCase(Locale.ROOT) + "!!!";
    };
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }
}
