package io.cartprobe.config;

import java.time.Duration;
import java.util.List;

/**
 * A service level objective over probe runs: the share of runs of {@code probes} in
 * {@code environments} (empty: all) that succeed, over a rolling {@code window}.
 *
 * @param objective percent of good runs, 0 < objective < 100 (99.5 leaves a 0.5 % error budget)
 * @param degradedIsBad whether a degraded run spends budget; by default it counts as good
 */
public record Slo(
    String name,
    List<String> probes,
    List<String> environments,
    double objective,
    Duration window,
    boolean degradedIsBad) {

  public Slo {
    probes = List.copyOf(probes);
    environments = List.copyOf(environments);
  }

  /** The objective as a ratio: 0.995. */
  public double objectiveRatio() {
    return objective / 100;
  }

  /** The share of runs that may fail: 0.005. */
  public double errorBudget() {
    return 1 - objectiveRatio();
  }
}
