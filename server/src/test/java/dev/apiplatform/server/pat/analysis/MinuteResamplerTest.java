package dev.apiplatform.server.pat.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteResamplerTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z"); // 09:00 in Paris

  static TimedSample steps(int fromMinute, int toMinute, double value, String source) {
    return new TimedSample(T0.plusSeconds(60L * fromMinute), T0.plusSeconds(60L * toMinute), value, source);
  }

  @Test
  void aSampleIsSpreadOverItsMinutes_inProportionToTheOverlap() {
    TimedSample s = new TimedSample(T0.plusSeconds(30), T0.plusSeconds(150), 120, "iphone"); // 00:30-02:30
    MinuteSeries m = MinuteResampler.forSteps(PARIS).resample(List.of(s));
    assertThat(m.start()).isEqualTo(LocalDateTime.of(2026, 1, 5, 9, 0));
    assertThat(m.size()).isEqualTo(3);
    assertThat(m.count(0)).isCloseTo(30, within(1e-9));
    assertThat(m.count(1)).isCloseTo(60, within(1e-9));
    assertThat(m.count(2)).isCloseTo(30, within(1e-9));
  }

  @Test
  void silenceUpToTheBridge_isObservedZeros_andLongerSilenceIsMissing() {
    List<TimedSample> samples = List.of(steps(0, 10, 500, "iphone"), steps(70, 80, 400, "iphone"),
        steps(70 + 7 * 60, 70 + 7 * 60 + 10, 300, "iphone"));
    // a 6 h bridge (shorter than the default) so that both sides of it fit in a small test
    MinuteSeries m = new MinuteResampler(PARIS, Duration.ofHours(6)).resample(samples);
    assertThat(m.count(30)).isZero(); // 60 min of silence: still worn, no steps
    assertThat(m.isObserved(300)).isFalse(); // 6 h 50 min of silence: not known
    assertThat(m.count(75)).isCloseTo(40, within(1e-9));
    assertThat(m.count(70 + 7 * 60 + 5)).isCloseTo(30, within(1e-9));
    assertThat(m.observedCount()).isEqualTo(80 + 10);
  }

  @Test
  void overlappingSources_takeTheHigherValue_insteadOfCountingStepsTwice() {
    List<TimedSample> samples = List.of(steps(0, 10, 1000, "iphone"), steps(0, 10, 900, "watch"),
        steps(10, 20, 0, "iphone"), steps(12, 14, 200, "watch"));
    MinuteSeries m = MinuteResampler.forSteps(PARIS).resample(samples);
    assertThat(m.count(5)).isCloseTo(100, within(1e-9));
    assertThat(m.count(12)).isCloseTo(100, within(1e-9)); // the watch saw steps the phone did not
    assertThat(m.count(16)).isZero();
    double total = 0;
    for (double c : m.toArray()) {
      total += c;
    }
    assertThat(total).isCloseTo(1200, within(1e-9));
  }

  @Test
  void samplesOfOneSource_addUp() {
    MinuteSeries m = MinuteResampler.forSteps(PARIS).resample(List.of(steps(0, 1, 10, "a"), steps(0, 1, 5, "a")));
    assertThat(m.count(0)).isCloseTo(15, within(1e-9));
  }

  @Test
  void actigraphyEpochs_leaveMinutesWithoutAPointMissing() {
    List<Instant> ts = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(180));
    MinuteSeries m = MinuteResampler.forEpochs(PARIS).resample(MinuteResampler.epochs(ts, new double[] {5, 0, 7}, 1.0));
    assertThat(m.size()).isEqualTo(4);
    assertThat(m.count(0)).isCloseTo(5, within(1e-9));
    assertThat(m.count(1)).isZero();
    assertThat(m.isObserved(2)).isFalse();
    assertThat(m.count(3)).isCloseTo(7, within(1e-9));
  }

  @Test
  void thirtySecondEpochs_areSummedPerMinute() {
    List<Instant> ts = List.of(T0, T0.plusSeconds(30), T0.plusSeconds(60));
    MinuteSeries m = MinuteResampler.forEpochs(PARIS).resample(MinuteResampler.epochs(ts, new double[] {3, 4, 5}, 2.0));
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.count(0)).isCloseTo(7, within(1e-9));
    assertThat(m.count(1)).isCloseTo(5, within(1e-9));
  }

  @Test
  void rejectsSpansBeyondTheLimit_emptyInput_andImpossibleSamples() {
    MinuteResampler r = MinuteResampler.forSteps(PARIS);
    assertThatThrownBy(() -> r.resample(List.of(steps(0, 1, 1, "a"), steps(63 * 1440, 63 * 1440 + 1, 1, "a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.resample(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> steps(5, 4, 1, "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> steps(0, 1, -1, "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> steps(0, 1, Double.NaN, "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MinuteResampler.epochs(List.of(T0), new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
