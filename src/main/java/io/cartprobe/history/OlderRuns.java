package io.cartprobe.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * With a state database, memory holds the span the live views read and {@code /api/history}
 * reaches further back through the store: the runs before the oldest one held, up to the day of
 * runs a pair answered with when memory held it all, so the answer keeps its shape and bound.
 */
final class OlderRuns {

  private OlderRuns() {}

  /** {@code held} with the stored runs before it prepended, as one window of {@code day} at most. */
  static HistoryWindow before(HistoryWindow held, PairHistory pair, StoredRuns store, int day,
      Instant now) {
    int room = day - held.runs().size();
    // Runs recorded but not yet committed are in memory; the store answers for what is older.
    Instant oldest = pair == null ? null : pair.oldestStart();
    Instant before = oldest != null ? oldest : now.plus(Duration.ofDays(1));
    if (room <= 0 || !held.since().isBefore(before)) {
      return withCapacity(held, held.runs(), day);
    }
    List<RunRecord> runs = new ArrayList<>(store.newest(held.key(), held.since(), before, room));
    runs.addAll(held.runs());
    return withCapacity(held, runs, day);
  }

  private static HistoryWindow withCapacity(HistoryWindow w, List<RunRecord> runs, int day) {
    return new HistoryWindow(w.key(), w.since(), runs, w.configChanges(), w.alertTransitions(),
        w.failingSince(), day);
  }
}
