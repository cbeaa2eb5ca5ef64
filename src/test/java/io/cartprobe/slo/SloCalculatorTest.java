package io.cartprobe.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.history.RunHistory;
import io.cartprobe.testing.Results;
import io.cartprobe.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SLO numbers over two probes' runs in one environment, and the hourly burn the page draws. */
class SloCalculatorTest {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  final TestClock clock = new TestClock(NOW);
  final RunHistory history = new RunHistory(clock);

  @Test
  void anSloOverTwoProbesCountsBothAndBurnsHourByHour() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", """
        environments:
          production: {vars: {base_url: "http://127.0.0.1:1"}}
        probes:
          - {name: a, type: gateway-config, request: {url: "http://127.0.0.1:1"}}
          - {name: b, type: gateway-config, request: {url: "http://127.0.0.1:1"}}
        slos:
          - {name: s, probes: [a, b], objective: 90, window: 1d}
        """, Path.of("."));
    for (String probe : new String[] {"a", "b"}) {
      history.configure(probe, "production", 1000);
      for (int m = 180; m >= 1; m--) { // three hours, one run a minute each
        Instant at = NOW.minus(Duration.ofMinutes(m));
        // probe a failed through the hour before last (minutes 61..120 ago)
        boolean failed = probe.equals("a") && m > 60 && m <= 120;
        history.record(failed ? Results.paymentRejected(probe, "production", at) : Results.ok(probe, "production", at));
      }
    }
    SloCalculator calculator = new SloCalculator(new HistoryRunCounts(history), clock);

    SloStatus status = calculator.statuses(config).getFirst();
    assertThat(status.env()).isEqualTo("production");
    assertThat(status.window()).isEqualTo(new RunCounts.Counts(360, 60, 0));
    assertThat(status.availability()).isEqualTo(1 - 60 / 360.0);
    assertThat(status.budgetRemaining()).isCloseTo(1 - (60 / 360.0) / 0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(status.coverage()).isEqualTo(3 / 24.0);
    // per hour, oldest first: 0 runs, ..., then 0 of 120, 60 of 120 (5x a 10 % budget), 0 of 120
    assertThat(calculator.burnSeries(status.slo(), "production", config, Duration.ofHours(1), 4))
        .containsExactly(0.0, 0.0, 5.0, 0.0);
  }
}
