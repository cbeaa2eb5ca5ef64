package io.cartprobe.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A small random delay added to each planned run after the first, so pairs that happen to share
 * a phase drift apart run by run instead of hitting the shop together forever. It never
 * accumulates: it is added to the grid instant, and the next grid instant is computed from the
 * previous grid instant, not from the jittered one. Not thread-safe (the plan's lock guards it).
 */
public final class Jitter {

  /** Jitter is at most this share of the interval... */
  static final long INTERVAL_DIVISOR = 100;
  /** ...and never more than this, so a 1h probe is not a minute late by design. */
  static final Duration CAP = Duration.ofSeconds(1);

  private final RandomGenerator random;

  /** {@code random} is injectable so tests can seed it or pin it. */
  public Jitter(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The largest jitter for a pair with this interval: {@code min(interval / 100, 1s)}. */
  public static Duration max(Duration interval) {
    Duration share = interval.dividedBy(INTERVAL_DIVISOR);
    return share.compareTo(CAP) < 0 ? share : CAP;
  }

  /** A delay in {@code [0, max(interval)]}. */
  public Duration next(Duration interval) {
    long maxNanos = max(interval).toNanos();
    return maxNanos == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(maxNanos + 1));
  }
}
