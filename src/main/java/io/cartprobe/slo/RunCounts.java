package io.cartprobe.slo;

import java.time.Instant;
import java.util.Optional;

/**
 * How many runs a pair had in a time range: what SLOs are computed from. The agent implements
 * it over its run history ({@link HistoryRunCounts}); a durable store implements the same, so
 * SLO code does not change with the store.
 */
public interface RunCounts {

  /** Runs of {@code pair} that started in [{@code from}, {@code to}). */
  Counts count(Pair pair, Instant from, Instant to);

  /** The start of the oldest run held for the pair: how far back the counts can see. */
  Optional<Instant> heldSince(Pair pair);

  /**
   * One series of runs. A probe matrix adds its variant here as a further component (an
   * absent variant meaning the pair as it is today), so callers name what they count.
   */
  record Pair(String probe, String env) {}

  /** @param failed runs with verdict failure; {@code degraded} runs are counted apart */
  record Counts(long total, long failed, long degraded) {

    public static final Counts NONE = new Counts(0, 0, 0);

    public Counts {
      if (total < 0 || failed < 0 || degraded < 0 || failed + degraded > total) {
        throw new IllegalArgumentException("counts: " + total + " total, " + failed + " failed, "
            + degraded + " degraded");
      }
    }

    public Counts plus(Counts other) {
      return new Counts(total + other.total, failed + other.failed, degraded + other.degraded);
    }

    /** Runs that spend the error budget. */
    public long bad(boolean degradedIsBad) {
      return degradedIsBad ? failed + degraded : failed;
    }
  }
}
