package dev.apiplatform.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The one clock tests move by hand: issue now, verify "later" without sleeping. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  /** Moves to the start of the next whole hour (fixed hour windows begin there). */
  public void advanceToNextHour() {
    long hour = 3600;
    now = Instant.ofEpochSecond((now.getEpochSecond() / hour + 1) * hour);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
