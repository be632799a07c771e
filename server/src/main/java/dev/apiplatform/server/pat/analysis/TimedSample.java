package dev.apiplatform.server.pat.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * A value measured over {@code [start, end)} by one source: a HealthKit step sample
 * ({@code HKQuantitySample} of {@code stepCount}: startDate, endDate, quantity, source), or one
 * epoch of direct actigraphy. {@code end == start} is an instantaneous sample.
 */
public record TimedSample(Instant start, Instant end, double value, String source) {

  public TimedSample {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(source, "source");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("sample ends before it starts: " + start + " > " + end);
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("sample value must be finite and >= 0: " + value);
    }
  }
}
