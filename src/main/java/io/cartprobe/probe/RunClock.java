package io.cartprobe.probe;

import java.time.Instant;

/**
 * Wall-clock instants within one run, measured on the monotonic clock from the run's start: step
 * start times stay consistent with the measured durations even if the wall clock is adjusted.
 */
record RunClock(Instant startedAt, long startNanos) {

  Instant now() {
    return startedAt.plusNanos(System.nanoTime() - startNanos);
  }
}
