package dev.apiplatform.server.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The voice styles MetaMatic can rename an activity in: a fixed catalogue in code, in display
 * order, with exactly one default (used until a user chooses). Ids are stable: they are stored
 * on users, so a style may be added but never renamed.
 */
public final class VoiceStyles {

  /** One style; {@code description} is the one line shown to users and given to the renamer. */
  public record Style(String id, String name, String description) {
    public Style {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }
  }

  private final List<Style> styles;
  private final Style defaultStyle;

  public VoiceStyles(List<Style> styles, String defaultId) {
    this.styles = List.copyOf(styles);
    if (this.styles.stream().map(Style::id).distinct().count() != this.styles.size()) {
      throw new IllegalArgumentException("voice style ids must be unique");
    }
    this.defaultStyle = this.styles.stream().filter(s -> s.id().equals(defaultId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("default voice style " + defaultId + " is not in the catalogue"));
  }

  /** The MetaMatic catalogue. */
  public static VoiceStyles standard() {
    return new VoiceStyles(List.of(
        new Style("hype", "Hype",
            "Loud, all-caps energy that celebrates every kilometre like a world record."),
        new Style("deadpan", "Deadpan",
            "Dry, understated titles that report the effort as if nothing happened."),
        new Style("poetic", "Poetic",
            "Lyrical titles that turn the route, weather and effort into a line of verse."),
        new Style("coach", "Coach",
            "Encouraging, no-nonsense titles that name the workout and what it built."),
        new Style("pirate", "Pirate",
            "Swashbuckling titles that log the activity as a voyage across the seven seas."),
        new Style("haiku", "Haiku",
            "A three-line 5-7-5 haiku that captures the moment of the activity.")),
        "hype");
  }

  public List<Style> all() {
    return styles;
  }

  public Style defaultStyle() {
    return defaultStyle;
  }

  public Optional<Style> find(String id) {
    if (id == null) return Optional.empty();
    return styles.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The style a user's stored choice stands for: the default when none (or a retired one) is stored. */
  public Style effective(Optional<String> selectedId) {
    return selectedId.flatMap(this::find).orElse(defaultStyle);
  }
}
