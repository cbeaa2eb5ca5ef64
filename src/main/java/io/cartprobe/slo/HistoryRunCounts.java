package io.cartprobe.slo;

import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link RunCounts} over the agent's in-memory run history (at most 2,880 runs per pair). A
 * probe with a matrix counts the runs of all its variants: an SLO is about the probe's checkout,
 * whichever card paid.
 */
public final class HistoryRunCounts implements RunCounts {

  private final RunHistory history;

  public HistoryRunCounts(RunHistory history) {
    this.history = history;
  }

  @Override
  public Counts count(Pair pair, Instant from, Instant to) {
    long total = 0;
    long failed = 0;
    long degraded = 0;
    for (HistoryKey key : keys(pair)) {
      for (RunRecord run : history.window(key, from).runs()) {
        if (!run.startedAt().isBefore(to)) {
          break; // oldest first
        }
        total++;
        if (run.verdict() == Verdict.FAILURE) {
          failed++;
        } else if (run.verdict() == Verdict.DEGRADED) {
          degraded++;
        }
      }
    }
    return new Counts(total, failed, degraded);
  }

  @Override
  public Optional<Instant> heldSince(Pair pair) {
    return keys(pair).stream().map(history::records).filter(runs -> !runs.isEmpty())
        .map(runs -> runs.getFirst().startedAt()).min(Instant::compareTo);
  }

  private List<HistoryKey> keys(Pair pair) {
    return history.keys().stream()
        .filter(k -> k.probe().equals(pair.probe()) && k.environment().equals(pair.env()))
        .toList();
  }
}
