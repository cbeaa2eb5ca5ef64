package io.cartprobe.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * With a state database, memory holds the span the live views read, only its newest runs with
 * their details, and {@code /api/history} reaches further back through the store: the runs
 * before the oldest one held in full, up to the day of runs a pair answered with when memory
 * held it all, so the answer keeps its shape and bound.
 */
final class OlderRuns {

  private OlderRuns() {}

  /**
   * The held window with its compact runs replaced by the stored ones (details, trace id) and
   * the stored runs before it prepended, as one window of {@code day} runs at most.
   */
  static HistoryWindow before(PairHistory.Held held, StoredRuns store, int day, Instant now) {
    HistoryWindow window = held.window();
    List<RunRecord> compact = window.runs().subList(0, held.compact());
    List<RunRecord> detailed = window.runs().subList(held.compact(), window.runs().size());
    int room = day - detailed.size();
    // Runs held in full may not be committed yet; the store answers for what is older.
    Instant before = held.detailedSince() != null ? held.detailedSince()
        : now.plus(Duration.ofDays(1));
    if (room <= 0 || !window.since().isBefore(before)) {
      return withCapacity(window, window.runs(), day);
    }
    List<RunRecord> runs = new ArrayList<>(
        withUncommitted(store.newest(window.key(), window.since(), before, room), compact, room));
    runs.addAll(detailed);
    return withCapacity(window, runs, day);
  }

  /**
   * The stored runs, plus the compact runs the store does not have: recorded but not committed
   * (the disk is full, the file read-only), they answer without details rather than not at all.
   * A compact run is the stored one that started in the same microsecond.
   */
  static List<RunRecord> withUncommitted(List<RunRecord> stored, List<RunRecord> compact,
      int room) {
    if (compact.isEmpty()) {
      return stored;
    }
    Set<Long> committed = new HashSet<>();
    stored.forEach(r -> committed.add(micros(r.startedAt())));
    List<RunRecord> out = new ArrayList<>(stored);
    compact.stream().filter(r -> !committed.contains(micros(r.startedAt()))).forEach(out::add);
    if (out.size() == stored.size()) {
      return stored;
    }
    out.sort(Comparator.comparing(RunRecord::startedAt));
    return out.subList(Math.max(0, out.size() - room), out.size());
  }

  private static long micros(Instant at) {
    return Math.floorDiv(RunRing.epochNanos(at), 1_000L);
  }

  private static HistoryWindow withCapacity(HistoryWindow w, List<RunRecord> runs, int day) {
    return new HistoryWindow(w.key(), w.since(), runs, w.configChanges(), w.alertTransitions(),
        w.failingSince(), day);
  }
}
