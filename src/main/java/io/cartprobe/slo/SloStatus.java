package io.cartprobe.slo;

import io.cartprobe.config.Slo;
import java.util.Map;

/**
 * One SLO in one environment, now: what the agent exports and the status page shows.
 *
 * @param window the runs of the SLO's probes over its whole window
 * @param availability good runs over all runs in the window; NaN before the first run
 * @param budgetRemaining the share of the error budget not yet spent: 1 untouched, 0 spent,
 *     below 0 overspent (1 before the first run: nothing has been spent)
 * @param burnRates per window ({@code 5m} ... {@code 3d}): the bad-run ratio over it divided by
 *     the budget; 1 spends the budget exactly over the SLO's window, 0 without runs
 * @param coverage how much of the window the stored runs reach back over, 0..1
 */
public record SloStatus(Slo slo, String env, RunCounts.Counts window, double availability,
    double budgetRemaining, Map<String, Double> burnRates, double coverage) {

  public SloStatus {
    burnRates = Map.copyOf(burnRates);
  }
}
