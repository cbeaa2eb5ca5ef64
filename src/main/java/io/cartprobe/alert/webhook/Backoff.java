package io.cartprobe.alert.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): after the n-th failed attempt wait a uniform random time in
 * [0, min(max, base × 2^(n-1))]. Full jitter spreads many agents retrying the same receiver.
 */
public final class Backoff {

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** The upper bound of the wait after {@code failedAttempts} (≥ 1) failures. */
  public Duration ceiling(int failedAttempts) {
    int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
    long ceiling = base.toMillis() << shift;
    return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
  }

  public Duration delay(int failedAttempts) {
    long bound = ceiling(failedAttempts).toMillis();
    return Duration.ofMillis(random.nextLong(bound + 1));
  }
}
