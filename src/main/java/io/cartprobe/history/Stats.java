package io.cartprobe.history;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** The numbers the page shows; exact over the runs given, no sketches or sampling. */
final class Stats {

  private Stats() {}

  /**
   * The p-th percentile by nearest rank: the smallest value with at least p% of values at or
   * below it. Always one of the observed durations, so the page never shows a time no run took.
   * Sorts the first {@code count} of {@code nanos} in place.
   */
  static Optional<Duration> percentile(long[] nanos, int count, double p) {
    if (count == 0) {
      return Optional.empty();
    }
    java.util.Arrays.sort(nanos, 0, count);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return Optional.of(Duration.ofNanos(nanos[Math.clamp(rank - 1, 0, count - 1)]));
  }

  static OptionalDouble successRatio(int passed, int count) {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) passed / count);
  }
}
