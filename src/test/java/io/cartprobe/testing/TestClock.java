package io.cartprobe.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock tests move by hand: scheduling, alerting, history ages and windows are asserted
 * at exact instants, without sleeping. Always UTC, as cartprobe's own clock is.
 */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Moves time on; returns the new now. */
  public synchronized Instant advance(Duration d) {
    now = now.plus(d);
    return now;
  }

  public void set(Instant instant) {
    now = instant;
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
    if (!ZoneOffset.UTC.equals(zone.normalized())) {
      throw new UnsupportedOperationException("a TestClock is UTC only, not " + zone);
    }
    return this;
  }
}
