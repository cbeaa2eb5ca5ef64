package io.cartprobe.history;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where one probe × environment stands now, derived from its history: what {@code /api/status}
 * and the run log report. History is the one place that keeps a pair's latest result.
 *
 * @param previous the verdict of the run before the latest, if history holds one
 * @param counts runs recorded since this agent started (not restored from the state file)
 * @param failingSince the start of the first failed run of the current streak, restored across
 *     restarts
 */
public record PairState(
    Optional<ProbeResult> latest,
    Optional<Verdict> previous,
    RunCounts counts,
    int consecutiveFailures,
    Optional<Instant> failingSince) {

  /** Passing, degraded or failing, as the last run left it; no data before the first run. */
  public enum Health {
    NO_DATA, PASSING, DEGRADED, FAILING;

    public static Health of(Optional<Verdict> verdict) {
      return verdict.map(v -> switch (v) {
        case SUCCESS -> PASSING;
        case DEGRADED -> DEGRADED;
        case FAILURE -> FAILING;
      }).orElse(NO_DATA);
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final PairState EMPTY =
      new PairState(Optional.empty(), Optional.empty(), RunCounts.ZERO, 0, Optional.empty());

  public Health health() {
    return Health.of(latest.map(ProbeResult::verdict));
  }

  /** The health before the latest run: what a "state changed" log line compares against. */
  public Health previousHealth() {
    return Health.of(previous);
  }

  /** Runs per verdict since this agent started. */
  public record RunCounts(long successes, long failures, long degraded) {
    public static final RunCounts ZERO = new RunCounts(0, 0, 0);

    RunCounts plus(Verdict verdict) {
      return switch (verdict) {
        case SUCCESS -> new RunCounts(successes + 1, failures, degraded);
        case FAILURE -> new RunCounts(successes, failures + 1, degraded);
        case DEGRADED -> new RunCounts(successes, failures, degraded + 1);
      };
    }
  }
}
