package io.cartprobe.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The pure part of scheduling: for every pair, when it is next due and whether it is failing.
 * It never reads a clock and never runs anything; callers pass "now", which is what lets tests
 * assert exact instants. Not thread-safe: {@link Scheduler} guards it with its lock.
 *
 * <p>Each pair has a grid: instants {@code interval} apart, starting at its spread offset
 * ({@link Spread}). A run is planned at a grid instant plus jitter ({@link Jitter}, none on the
 * first run). The next grid instant follows from the previous grid instant, never from when a
 * run started or finished, so a pair does not drift however late or slow its runs are.
 */
public final class Plan {

  private final Jitter jitter;
  private final Map<PairKey, Entry> entries = new LinkedHashMap<>();
  /**
   * Every entry, earliest due first (config order among equals): a pass touches only the pairs
   * due, not all of them, and the loop's next wake-up is a peek.
   */
  private final PriorityQueue<Entry> byDue = new PriorityQueue<>(
      Comparator.<Entry, Instant>comparing(e -> e.due).thenComparingInt(e -> e.order));

  public Plan(Jitter jitter) {
    this.jitter = Objects.requireNonNull(jitter, "jitter");
  }

  /**
   * Replaces the set of pairs (config reload). A pair equal to one already planned (same key and
   * intervals) keeps its next-due instant and failing state; a new or changed pair starts afresh
   * at its spread offset; a pair no longer listed is dropped.
   */
  public void update(Collection<ScheduledPair> pairs, Instant now) {
    Map<PairKey, Entry> next = new LinkedHashMap<>();
    for (ScheduledPair pair : pairs) {
      Entry kept = entries.get(pair.key());
      Entry entry = kept != null && kept.pair.equals(pair) ? kept : Entry.fresh(pair, now);
      if (next.put(pair.key(), entry) != null) {
        throw new IllegalArgumentException("pair listed twice: " + pair.key());
      }
    }
    entries.clear();
    entries.putAll(next);
    byDue.clear();
    int order = 0;
    for (Entry e : entries.values()) {
      e.order = order++;
      byDue.add(e);
    }
  }

  /**
   * The pairs due at {@code now}, earliest first, each moved on to its next grid instant after
   * {@code now}. A pair that missed several grid instants (the process was paused) comes due
   * once, not once per missed instant: catching up would be the very burst spreading avoids.
   */
  public List<Tick> takeDue(Instant now) {
    List<Tick> due = new ArrayList<>();
    List<Entry> taken = new ArrayList<>();
    while (!byDue.isEmpty() && !byDue.peek().due.isAfter(now)) {
      Entry e = byDue.poll();
      due.add(new Tick(e.pair.key(), e.due));
      e.lastGrid = e.grid;
      planAfter(e, e.grid, now);
      taken.add(e);
    }
    // Back in only after the pass: each pair comes due at most once per pass.
    byDue.addAll(taken);
    return due;
  }

  /**
   * Records a finished run's outcome. When it flips the pair between passing and failing, the
   * next run is re-planned one new interval after the last grid instant, so a pair that starts
   * failing is looked at again after {@code interval_when_failing}, not after the rest of its
   * long interval. A pair that has not come due yet (a triggered run before its first tick)
   * keeps its first due instant, which is at most one interval away. Unknown pairs (removed
   * while their run was going) are ignored.
   *
   * @return true when the pair's next run moved, so whoever sleeps until the earliest due
   *     instant must look again
   */
  public boolean recordOutcome(PairKey key, RunOutcome outcome, Instant now) {
    Entry e = entries.get(key);
    if (e == null || e.failing == outcome.failed()) {
      return false;
    }
    e.failing = outcome.failed();
    if (e.lastGrid == null) {
      return false;
    }
    byDue.remove(e); // a flip is rare: the linear removal does not matter
    planAfter(e, e.lastGrid, now);
    byDue.add(e);
    return true;
  }

  /** The earliest planned run of any pair; empty when there are no pairs. */
  public Optional<Instant> nextDue() {
    Entry first = byDue.peek();
    return first == null ? Optional.empty() : Optional.of(first.due);
  }

  public Optional<Instant> nextDue(PairKey key) {
    return Optional.ofNullable(entries.get(key)).map(e -> e.due);
  }

  public boolean isFailing(PairKey key) {
    Entry e = entries.get(key);
    return e != null && e.failing;
  }

  public boolean contains(PairKey key) {
    return entries.containsKey(key);
  }

  public Optional<ScheduledPair> pair(PairKey key) {
    return Optional.ofNullable(entries.get(key)).map(e -> e.pair);
  }

  /** Every planned pair, in the order given to {@link #update}. */
  public List<ScheduledPair> pairs() {
    return entries.values().stream().map(e -> e.pair).toList();
  }

  /** The interval in force for a pair (it depends on its failing state). */
  public Optional<Duration> currentInterval(PairKey key) {
    return Optional.ofNullable(entries.get(key)).map(e -> e.pair.interval(e.failing));
  }

  /** Moves {@code e} to the first grid instant after {@code from} that is later than {@code now}. */
  private void planAfter(Entry e, Instant from, Instant now) {
    Duration interval = e.pair.interval(e.failing);
    Instant grid = from.plus(interval);
    if (!grid.isAfter(now)) {
      // Skip missed instants arithmetically: a pause of days must not loop millions of times.
      long missed = Duration.between(grid, now).toNanos() / interval.toNanos() + 1;
      grid = grid.plus(interval.multipliedBy(missed));
    }
    e.grid = grid;
    e.due = grid.plus(jitter.next(interval));
  }

  /** Mutable per-pair state; only this class touches it. */
  private static final class Entry {
    final ScheduledPair pair;
    /** The next grid instant, without jitter. */
    Instant grid;
    /** When the next run is planned: {@code grid} plus jitter. */
    Instant due;
    /** The grid instant of the last tick; null until the pair first comes due. */
    Instant lastGrid;
    boolean failing;
    /** Position in the config, the tie-break between pairs due at the same instant. */
    int order;

    private Entry(ScheduledPair pair, Instant first) {
      this.pair = pair;
      this.grid = first;
      this.due = first;
    }

    static Entry fresh(ScheduledPair pair, Instant now) {
      return new Entry(pair, Spread.firstDue(pair.key(), pair.interval(), now));
    }
  }
}
