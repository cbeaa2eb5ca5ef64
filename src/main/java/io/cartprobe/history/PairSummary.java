package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the status page shows for one probe × environment, computed from history at one instant.
 *
 * @param lastRunAge time from the last run's start to the summary's instant
 * @param window the span the ratio and p95 are over (the last hour)
 * @param runsInWindow how many runs started within the window
 * @param successRatio passed / all runs in the window (degraded counts as passed); empty without runs
 * @param p95 the 95th percentile duration in the window (nearest rank); empty without runs
 * @param recent the newest runs, oldest first, for a pass/fail strip and a sparkline
 * @param failingSince the start of the first failed run of the current failing streak; empty
 *     unless the last run failed
 * @param consecutiveFailures length of the current failing streak (0 unless the last run failed)
 * @param stored runs held for this pair; {@code capacity} is the most it will hold
 */
public record PairSummary(
    HistoryKey key,
    Instant at,
    Optional<RunRecord> last,
    Optional<Duration> lastRunAge,
    Duration window,
    int runsInWindow,
    OptionalDouble successRatio,
    Optional<Duration> p95,
    List<RunRecord> recent,
    Optional<Instant> failingSince,
    int consecutiveFailures,
    Optional<ConfigChange> lastConfigChange,
    int stored,
    int capacity) {

  public PairSummary {
    recent = List.copyOf(recent);
  }

  /** A pair that has not run yet. */
  public static PairSummary empty(HistoryKey key, Instant at, Duration window, int capacity) {
    return new PairSummary(key, at, Optional.empty(), Optional.empty(), window, 0,
        OptionalDouble.empty(), Optional.empty(), List.of(), Optional.empty(), 0,
        Optional.empty(), 0, capacity);
  }

  public String probe() {
    return key.probe();
  }

  public String environment() {
    return key.environment();
  }

  public Optional<Verdict> lastVerdict() {
    return last.map(RunRecord::verdict);
  }

  public List<Verdict> recentVerdicts() {
    return recent.stream().map(RunRecord::verdict).toList();
  }

  public List<Duration> recentDurations() {
    return recent.stream().map(RunRecord::duration).toList();
  }
}
