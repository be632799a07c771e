package dev.apiplatform.server.pat.analysis;

import java.time.LocalDateTime;

/**
 * A time in bed the wearer reported (sleep diary, HealthKit {@code sleepAnalysis} "inBed"), in
 * the same local time as the series. Without one, sleep onset latency cannot be measured from
 * activity alone and is reported as absent.
 */
public record InBedInterval(LocalDateTime start, LocalDateTime end) {

  public InBedInterval {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("in-bed interval must end after it starts");
    }
  }
}
