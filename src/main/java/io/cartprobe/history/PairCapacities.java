package io.cartprobe.history;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many runs each pair holds in memory and, with a store, how many {@code /api/history}
 * answers with. Kept apart from the rings so a pair created later (first record, restore) gets
 * its configured size rather than the default. Thread-safe.
 */
final class PairCapacities {

  private final int defaultCapacity;
  private final boolean stored;
  private final Duration heldFor;
  private final Map<HistoryKey, Integer> held = new ConcurrentHashMap<>();
  // With a store: a day of runs at the interval, what /api/history answers at most.
  private final Map<HistoryKey, Integer> answered = new ConcurrentHashMap<>();

  /** {@code heldFor}: with a store, the span memory holds (the summary window or a lookback). */
  PairCapacities(int defaultCapacity, boolean stored, Duration heldFor) {
    this.defaultCapacity = Capacity.check(defaultCapacity);
    this.stored = stored;
    this.heldFor = heldFor;
  }

  /** Sets this pair's capacity for its interval and returns it. */
  int configure(HistoryKey key, Duration interval) {
    int day = Capacity.day(interval);
    if (!stored || interval.isZero() || interval.isNegative()) {
      return configure(key, day);
    }
    answered.put(key, day);
    return configure(key, Capacity.held(heldFor, interval, day));
  }

  int configure(HistoryKey key, int capacity) {
    held.put(key, Capacity.check(capacity));
    return capacity;
  }

  void retain(Set<HistoryKey> keep) {
    held.keySet().retainAll(keep);
    answered.keySet().retainAll(keep);
  }

  int of(HistoryKey key) {
    return held.getOrDefault(key, defaultCapacity);
  }

  /** For a pair a store kept with {@code saved} runs (0: unknown): the configured one wins. */
  int restored(HistoryKey key, int saved) {
    return held.getOrDefault(key,
        saved > 0 ? Math.min(saved, RunHistory.MAX_CAPACITY) : defaultCapacity);
  }

  /** What {@code /api/history} answers with at most for this pair over a store. */
  int answered(HistoryKey key) {
    return answered.getOrDefault(key, of(key));
  }
}
