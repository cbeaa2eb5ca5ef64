package io.cartprobe.history;

import java.time.Instant;
import java.util.List;

/**
 * Runs kept outside memory (the state database). With one, history holds in memory only what
 * the live views and the rules read, and answers longer {@code /api/history} windows from it.
 */
@FunctionalInterface
public interface StoredRuns {

  /** No store: everything history answers is in memory. */
  StoredRuns NONE = (key, from, before, limit) -> List.of();

  /**
   * The newest {@code limit} runs of the pair that started in {@code [from, before)}, oldest
   * first; empty when the store cannot answer (it says why in its own log).
   */
  List<RunRecord> newest(HistoryKey key, Instant from, Instant before, int limit);
}
