package io.cartprobe.history;

import java.time.Duration;

/** How many runs a pair's ring holds: a day at the interval, or less when a store keeps them. */
final class Capacity {

  private Capacity() {}

  static int day(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      return RunHistory.MAX_DEFAULT_CAPACITY;
    }
    long perDay = Math.ceilDiv(Duration.ofDays(1).toMillis(), Math.max(1, interval.toMillis()));
    return (int) Math.clamp(perDay, RunHistory.MIN_DEFAULT_CAPACITY,
        RunHistory.MAX_DEFAULT_CAPACITY);
  }

  /** Runs in memory for the summary window or the rules' lookback, a day at most. */
  static int held(Duration heldFor, Duration interval, int day) {
    long runs = Math.ceilDiv(heldFor.toMillis(), Math.max(1, interval.toMillis()));
    return (int) Math.clamp(runs, RunHistory.MIN_DEFAULT_CAPACITY, day);
  }

  static int check(int capacity) {
    if (capacity < 1 || capacity > RunHistory.MAX_CAPACITY) {
      throw new IllegalArgumentException("history capacity must be between 1 and "
          + RunHistory.MAX_CAPACITY + ", was " + capacity);
    }
    return capacity;
  }
}
