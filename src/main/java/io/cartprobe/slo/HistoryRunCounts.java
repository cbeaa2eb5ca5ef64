package io.cartprobe.slo;

import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link RunCounts} over the agent's in-memory run history (at most 2,880 runs per pair). */
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
    for (RunRecord run : history.since(pair.probe(), pair.env(), from)) {
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
    return new Counts(total, failed, degraded);
  }

  @Override
  public Optional<Instant> heldSince(Pair pair) {
    List<RunRecord> runs = history.records(pair.probe(), pair.env());
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.getFirst().startedAt());
  }
}
