package io.cartprobe.history;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalDouble;

/** The numbers the page shows; exact over the runs given, no sketches or sampling. */
final class Stats {

  private Stats() {}

  /**
   * The p-th percentile by nearest rank: the smallest value with at least p% of values at or
   * below it. Always one of the observed durations, so the page never shows a time no run took.
   */
  static Optional<Duration> percentile(Collection<Duration> values, double p) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    long[] nanos = values.stream().mapToLong(Duration::toNanos).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * nanos.length);
    return Optional.of(Duration.ofNanos(nanos[Math.clamp(rank - 1, 0, nanos.length - 1)]));
  }

  static OptionalDouble successRatio(Collection<RunRecord> runs) {
    if (runs.isEmpty()) {
      return OptionalDouble.empty();
    }
    long passed = runs.stream().filter(RunRecord::passed).count();
    return OptionalDouble.of((double) passed / runs.size());
  }
}
