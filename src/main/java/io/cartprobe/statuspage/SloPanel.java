package io.cartprobe.statuspage;

import java.util.List;

/**
 * One SLO in one environment as the status page shows it.
 *
 * @param objective percent, 99.5
 * @param availability good runs over the stored part of the window, 0..1; NaN before any run
 * @param budgetRemaining 1 untouched, 0 spent, below 0 overspent
 * @param burnByHour the burn rate of each of the last hours, oldest first
 * @param coverage how much of the window the stored runs reach back over, 0..1
 */
public record SloPanel(String slo, String env, double objective, String window,
    double availability, double budgetRemaining, List<Double> burnByHour, double coverage) {

  public SloPanel {
    burnByHour = List.copyOf(burnByHour);
  }
}
