package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.history.RunHistory;
import io.cartprobe.slo.HistoryRunCounts;
import io.cartprobe.slo.SloCalculator;
import io.cartprobe.testing.Results;
import io.cartprobe.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SLO gauges, computed from a day of stored runs at one a minute whose last six failed: the
 * burn rate over each window is the bad-run ratio there over a 1 % budget.
 */
class SloMetricsTest {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  static final String YAML = """
      environments:
        staging: {vars: {base_url: "http://127.0.0.1:1"}}
        production: {vars: {base_url: "http://127.0.0.1:1"}}
      probes:
        - name: checkout
          type: checkout
          steps:
            - {name: a, request: {url: "{{base_url}}/a"}}
      slos:
        - {name: checkout-availability, probes: [checkout], environments: [production], objective: 99, window: 30d}
      """;

  private final TestClock clock = new TestClock(NOW);
  private final RunHistory history = new RunHistory(clock);

  static CartprobeConfig config(String yaml) throws Exception {
    return new ConfigLoader(Map.of()).parse("probes.yaml", yaml, Path.of("."));
  }

  /** 1,440 runs, one a minute up to a minute ago; the latest 6 failed, the 7th was degraded. */
  private void aDayOfRuns(String env) {
    history.configure("checkout", env, 10_000);
    for (int k = 1440; k >= 1; k--) {
      Instant at = NOW.minus(Duration.ofMinutes(k));
      history.record(k <= 6 ? Results.paymentRejected("checkout", env, at)
          : k == 7 ? Results.degraded("checkout", env, at, Duration.ofMillis(500))
          : Results.ok("checkout", env, at));
    }
  }

  private String scrape(CartprobeConfig config) {
    AgentRegistry registry = AgentRegistry.create(Map.of());
    new SloMetrics(registry.registry(), new SloCalculator(new HistoryRunCounts(history), clock), config);
    return new MetricsExposition(registry).scrape(null).body();
  }

  @Test
  void objectiveBudgetBurnRatesAndCoverageOfEachSloAndEnvironment() throws Exception {
    aDayOfRuns("production");
    aDayOfRuns("staging"); // outside the SLO: no series

    String body = scrape(config(YAML));

    String labels = "env=\"production\",slo=\"checkout-availability\"";
    assertThat(body).contains(
        "cartprobe_slo_objective_ratio{" + labels + "} 0.99\n",
        // 6 bad of 1,440 in the window: 0.4167 of the budget spent
        "cartprobe_slo_error_budget_remaining_ratio{" + labels + "} 0.58333",
        "cartprobe_slo_window_coverage_ratio{" + labels + "} 0.03333",
        "cartprobe_slo_burn_rate{" + labels + ",window=\"5m\"} 100.0\n", // 5 of 5
        "cartprobe_slo_burn_rate{" + labels + ",window=\"30m\"} 20.0\n", // 6 of 30
        "cartprobe_slo_burn_rate{" + labels + ",window=\"1h\"} 10.0\n", // 6 of 60
        "cartprobe_slo_burn_rate{" + labels + ",window=\"2h\"} 5.0\n",
        "cartprobe_slo_burn_rate{" + labels + ",window=\"6h\"} 1.6666",
        "cartprobe_slo_burn_rate{" + labels + ",window=\"1d\"} 0.41666",
        "cartprobe_slo_burn_rate{" + labels + ",window=\"3d\"} 0.41666");
    assertThat(body).doesNotContain("slo=\"checkout-availability\",window=\"1h\"} 0.0")
        .doesNotContain("env=\"staging\",slo=");
    Promtool.checkMetrics(body);
  }

  @Test
  void degradedRunsSpendTheBudgetOnlyWhenTheSloSaysSo() throws Exception {
    aDayOfRuns("production");

    String body = scrape(config(YAML.replace("window: 30d}", "window: 30d, degraded_is_bad: true}")));

    // the degraded run 7 minutes ago joins the six failures in the 30m window: 7 of 30
    assertThat(body).contains("cartprobe_slo_burn_rate{env=\"production\",slo=\"checkout-availability\","
        + "window=\"30m\"} 23.333");
  }

  @Test
  void beforeTheFirstRunNothingIsSpentAndAReloadDropsRemovedSlos() throws Exception {
    CartprobeConfig config = config(YAML);
    AgentRegistry registry = AgentRegistry.create(Map.of());
    SloMetrics metrics = new SloMetrics(registry.registry(),
        new SloCalculator(new HistoryRunCounts(history), clock), config);
    MetricsExposition exposition = new MetricsExposition(registry);

    assertThat(exposition.scrape(null).body()).contains(
        "cartprobe_slo_error_budget_remaining_ratio{env=\"production\",slo=\"checkout-availability\"} 1.0\n",
        "cartprobe_slo_burn_rate{env=\"production\",slo=\"checkout-availability\",window=\"1h\"} 0.0\n",
        "cartprobe_slo_window_coverage_ratio{env=\"production\",slo=\"checkout-availability\"} 0.0\n");

    metrics.reconfigure(config(YAML.substring(0, YAML.indexOf("slos:"))));
    assertThat(exposition.scrape(null).body()).doesNotContain("cartprobe_slo_");
  }
}
