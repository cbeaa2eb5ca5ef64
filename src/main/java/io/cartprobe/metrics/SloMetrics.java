package io.cartprobe.metrics;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Slo;
import io.cartprobe.slo.BurnWindow;
import io.cartprobe.slo.SloCalculator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Each SLO × environment as gauges computed when scraped, from the stored runs: the objective,
 * the error budget left and the burn rate over each window {@code slo-rules} uses, so the agent
 * and the Prometheus rules give the same numbers.
 */
public final class SloMetrics {

  static final String OBJECTIVE = "cartprobe.slo.objective.ratio"; // cartprobe_slo_objective_ratio
  static final String BUDGET =
      "cartprobe.slo.error.budget.remaining.ratio"; // cartprobe_slo_error_budget_remaining_ratio
  static final String BURN = "cartprobe.slo.burn.rate"; // cartprobe_slo_burn_rate
  static final String COVERAGE = "cartprobe.slo.window.coverage.ratio"; // ..._coverage_ratio

  private final MeterRegistry registry;
  private final SloCalculator calculator;
  private final List<Meter> meters = new ArrayList<>();

  public SloMetrics(MeterRegistry registry, SloCalculator calculator, CartprobeConfig config) {
    this.registry = registry;
    this.calculator = calculator;
    reconfigure(config);
  }

  /** The series of the SLOs in {@code config}; those of SLOs a reload removed are gone. */
  public synchronized void reconfigure(CartprobeConfig config) {
    meters.forEach(registry::remove);
    meters.clear();
    for (Slo slo : config.slos()) {
      for (String env : SloCalculator.environments(slo, config)) {
        Tags tags = Tags.of("slo", slo.name(), "env", env);
        gauge(OBJECTIVE, "The SLO's objective: the share of runs that must be good", tags,
            c -> slo.objectiveRatio(), config);
        gauge(BUDGET, "Share of the error budget left over the SLO's window (1 untouched, "
            + "below 0 overspent)", tags,
            c -> calculator.status(slo, env, c).budgetRemaining(), config);
        gauge(COVERAGE, "How much of the SLO's window the agent's stored runs reach back over",
            tags, c -> calculator.status(slo, env, c).coverage(), config);
        for (String window : BurnWindow.WINDOWS) {
          java.time.Duration over = io.cartprobe.config.Durations.parse(window).orElseThrow();
          gauge(BURN, "Bad-run ratio over the window divided by the error budget (1 spends "
              + "the budget exactly over the SLO's window)", tags.and("window", window),
              c -> calculator.burnRate(slo, env, c, over), config);
        }
      }
    }
  }

  private void gauge(String name, String help, Tags tags, ToDoubleFunction<CartprobeConfig> value,
      CartprobeConfig config) {
    meters.add(Gauge.builder(name, config, value)
        .description(help)
        .tags(tags)
        .strongReference(true)
        .register(registry));
  }
}
