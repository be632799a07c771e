package dev.apiplatform.server.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceStylesTest {

  private final VoiceStyles standard = VoiceStyles.standard();

  @Test
  void standardCatalogue_hasSixDescribedStylesAndHypeAsDefault() {
    assertThat(standard.all()).extracting(VoiceStyles.Style::id)
        .containsExactly("hype", "deadpan", "poetic", "coach", "pirate", "haiku");
    assertThat(standard.all()).allSatisfy(s -> {
      assertThat(s.name()).isNotBlank();
      assertThat(s.description()).isNotBlank().doesNotContain("\n");
    });
    assertThat(standard.defaultStyle().id()).isEqualTo("hype");
  }

  @Test
  void find_isExactAndCaseSensitive() {
    assertThat(standard.find("deadpan")).isPresent();
    assertThat(standard.find("Deadpan")).isEmpty();
    assertThat(standard.find("opera")).isEmpty();
    assertThat(standard.find(null)).isEmpty();
  }

  @Test
  void effective_fallsBackToTheDefault_forNoOrARetiredChoice() {
    assertThat(standard.effective(Optional.empty()).id()).isEqualTo("hype");
    assertThat(standard.effective(Optional.of("retired-style")).id()).isEqualTo("hype");
    assertThat(standard.effective(Optional.of("haiku")).id()).isEqualTo("haiku");
  }

  @Test
  void catalogue_refusesDuplicateIdsAndAMissingDefault() {
    VoiceStyles.Style a = new VoiceStyles.Style("a", "A", "a");
    assertThatThrownBy(() -> new VoiceStyles(List.of(a, a), "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VoiceStyles(List.of(a), "b")).isInstanceOf(IllegalArgumentException.class);
  }
}
