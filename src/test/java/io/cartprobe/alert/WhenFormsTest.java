package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.onProbe;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.degraded;
import static io.cartprobe.testing.Results.gatewayConfig;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AlertCondition.BurnRate;
import io.cartprobe.config.AlertCondition.CertExpiresWithin;
import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.AlertCondition.FailureRatio;
import io.cartprobe.config.AlertCondition.LatencyP95;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each {@code when} form fires and resolves at exactly the result (or tick) it should. */
class WhenFormsTest {

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** 14.4x of a 1 % budget over 1h and 5m: more than 8.64 of 60 runs, and of 5, must fail. */
  static final BurnRate PAGE = new BurnRate(14.4, Duration.ofHours(1), Duration.ofMinutes(5),
      "checkout-availability", 0.01, false);

  /** An hour of good runs, one a minute (minutes 0..59), then {@code failures} failed ones. */
  private static List<AlertEvent> anHourThenFailures(EngineHarness h, int failures) {
    List<AlertEvent> events = new java.util.ArrayList<>();
    for (int m = 0; m < 60; m++) {
      events.addAll(h.feed(ok("checkout", "production", at(60 * m))));
    }
    for (int k = 1; k <= failures; k++) {
      events.addAll(h.feed(paymentRejected("checkout", "production", at(60 * (59 + k)))));
    }
    return events;
  }

  @Test
  void burnRateFiresWhenBothWindowsBurnFasterAndResolvesWhenTheShortOneStops() {
    var h = new EngineHarness(List.of(rule("checkout-budget-burn", PAGE, 1)));

    // 8 of the last 60 runs: 13.3x over 1h (the 5m window burns 100x): no page yet
    assertThat(anHourThenFailures(h, 8)).isEmpty();
    List<AlertEvent> fired = h.feed(paymentRejected("checkout", "production", at(60 * 68)));
    assertThat(fired).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.FIRING);
      assertThat(e.condition()).isEqualTo("checkout-availability's error budget burns 15.0x over "
          + "the last 1h and 100.0x over the last 5m (alert above 14.4x in both)");
    });
    // good runs again: the 5m window still holds a failure for four more minutes
    for (int j = 1; j <= 4; j++) {
      assertThat(h.feed(ok("checkout", "production", at(60 * (68 + j))))).as("good run %d", j).isEmpty();
    }
    assertThat(h.feed(ok("checkout", "production", at(60 * 73)))).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(EventKind.RESOLVED));
  }

  @Test
  void aBurstThatOnlyTheShortWindowSeesDoesNotPage() {
    var h = new EngineHarness(List.of(rule("checkout-budget-burn", PAGE, 1)));

    assertThat(anHourThenFailures(h, 8)).isEmpty();
    for (int j = 1; j <= 60; j++) {
      assertThat(h.feed(ok("checkout", "production", at(60 * (67 + j))))).isEmpty();
    }
  }

  @Test
  void degradedRunsBurnOnlyWhenTheSloCountsThemBad() {
    BurnRate strict = new BurnRate(14.4, Duration.ofHours(1), Duration.ofMinutes(5),
        "checkout-availability", 0.01, true);
    var lenient = new EngineHarness(List.of(rule("burn", PAGE, 1)));
    var counting = new EngineHarness(List.of(rule("burn", strict, 1)));
    for (var h : List.of(lenient, counting)) {
      for (int m = 0; m < 60; m++) {
        h.feed(ok("checkout", "production", at(60 * m)));
      }
    }
    List<AlertEvent> lenientEvents = new java.util.ArrayList<>();
    List<AlertEvent> countingEvents = new java.util.ArrayList<>();
    for (int k = 1; k <= 10; k++) {
      lenientEvents.addAll(lenient.feed(degraded("checkout", "production", at(60 * (59 + k)), Duration.ofSeconds(3))));
      countingEvents.addAll(counting.feed(degraded("checkout", "production", at(60 * (59 + k)), Duration.ofSeconds(3))));
    }
    assertThat(lenientEvents).isEmpty();
    assertThat(countingEvents).extracting(AlertEvent::kind).containsExactly(EventKind.FIRING);
  }

  @Test
  void aCountOfOneIsWordedInTheSingular() {
    var streak = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    assertThat(streak.feed(paymentRejected("checkout", "production", at(0)))).singleElement()
        .satisfies(e -> {
          assertThat(e.condition()).isEqualTo("1 consecutive failure (alert at 1)");
          assertThat(e.description()).startsWith("1 consecutive failure (alert at 1) on checkout@production.")
              .contains("Failing since " + at(0) + ", 1 bad run.");
        });

    var ratio = new EngineHarness(
        List.of(rule("checkout-flaky", new FailureRatio(0.5, Duration.ofMinutes(5), 1), 1)));
    assertThat(ratio.feed(paymentRejected("checkout", "production", at(0)))).singleElement()
        .satisfies(e -> assertThat(e.condition()).isEqualTo(
            "1 of 1 run failed in the last 5m (100%, alert at 50% over at least 1 run)"));
  }

  @Test
  void consecutiveFailuresCountsOnlyFailuresAndResolvesAfterGoodRuns() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(3), 2)));

    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(30)))).isEmpty();
    // A degraded run passed every check: it breaks the streak, it is not a third failure.
    assertThat(h.feed(degraded("checkout", "production", at(60), Duration.ofSeconds(3)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(90)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(120)))).isEmpty();

    List<AlertEvent> fired = h.feed(paymentRejected("checkout", "production", at(150)));
    assertThat(fired).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.FIRING);
      assertThat(e.failuresBegan()).isEqualTo(at(90));
      assertThat(e.failedRuns()).isEqualTo(3);
      assertThat(e.condition()).startsWith("3 consecutive failures");
    });
    assertThat(h.status("checkout-failing", "checkout", "production").firing()).isTrue();

    assertThat(h.feed(ok("checkout", "production", at(180)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(210)))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(240)))).isEmpty();
    List<AlertEvent> resolved = h.feed(ok("checkout", "production", at(270)));
    assertThat(resolved).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.RESOLVED);
      assertThat(e.failedRuns()).isEqualTo(4);
      assertThat(e.endsAt()).contains(at(270).plusMillis(300));
      assertThat(e.lasted()).contains(Duration.ofSeconds(120));
      assertThat(e.description()).contains("resolved after 2m");
    });
    assertThat(h.status("checkout-failing", "checkout", "production").state())
        .isEqualTo(InstanceState.RESOLVED);
  }

  @Test
  void failureRatioWaitsForMinRunsAndResolvesWhenTheRatioDrops() {
    var h = new EngineHarness(List.of(
        rule("checkout-flaky", new FailureRatio(0.5, Duration.ofMinutes(5), 4), 1)));

    assertThat(h.feed(ok("checkout", "production", at(0)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(30)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(60)))).isEmpty();  // 2/3, < min_runs
    List<AlertEvent> fired = h.feed(ok("checkout", "production", at(90)));          // 2/4 = 50%
    assertThat(fired).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.FIRING);
      assertThat(e.failuresBegan()).isEqualTo(at(30));
      assertThat(e.failedRuns()).isEqualTo(2);
      assertThat(e.condition()).startsWith("2 of 4 runs failed in the last 5m");
    });
    assertThat(h.feed(ok("checkout", "production", at(120)))).singleElement()       // 2/5 = 40%
        .extracting(AlertEvent::kind).isEqualTo(EventKind.RESOLVED);
  }

  @Test
  void failureRatioForgetsFailuresOutsideTheWindow() {
    var h = new EngineHarness(List.of(
        rule("checkout-flaky", new FailureRatio(0.5, Duration.ofMinutes(2), 2), 1)));
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).isEmpty(); // 1 run < min
    // Two and a half minutes later the first failure has left the window: 1 of 2 failed is 50%.
    assertThat(h.feed(ok("checkout", "production", at(150)))).isEmpty();
    assertThat(h.feed(paymentRejected("checkout", "production", at(180)))).singleElement()
        .extracting(AlertEvent::failedRuns).isEqualTo(1);
  }

  @Test
  void latencyP95SeesDegradedRunsAndResolvesWhenTheSlowRunLeavesTheWindow() {
    var h = new EngineHarness(List.of(
        rule("checkout-slow", new LatencyP95(Duration.ofSeconds(1), Duration.ofMinutes(2)), 1)));
    Duration fast = Duration.ofMillis(300);

    assertThat(h.feed(ok("checkout", "production", at(0), fast))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(30), fast))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(60), fast))).isEmpty();
    List<AlertEvent> fired = h.feed(degraded("checkout", "production", at(90), Duration.ofSeconds(2)));
    assertThat(fired).singleElement().satisfies(e -> {
      assertThat(e.condition()).startsWith("p95 latency 2.00s over the last 2m (alert above 1.00s");
      assertThat(e.failure()).hasValueSatisfying(f -> {
        assertThat(f.reason()).isEqualTo("latency");
        assertThat(f.step()).isEqualTo("create_cart");
      });
    });
    // The slow run stays in the two-minute window for the next three runs...
    assertThat(h.feed(ok("checkout", "production", at(120), fast))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(150), fast))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(180), fast))).isEmpty();
    // ... and leaves it here.
    assertThat(h.feed(ok("checkout", "production", at(210), fast))).singleElement()
        .extracting(AlertEvent::kind).isEqualTo(EventKind.RESOLVED);
  }

  @Test
  void configChangedWithinFiresOnTheChangeAndResolvesWhenTheWindowHasPassed() {
    var h = new EngineHarness(List.of(
        onProbe("gateway-config-changed", "gateway-config", new ConfigChangedWithin(Duration.ofMinutes(10)))));
    Instant changedAt = at(3);
    h.clock.set(changedAt);
    List<AlertEvent> fired = h.engine.onConfigChange("gateway-config", "production", changedAt,
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")));
    assertThat(fired).singleElement().satisfies(e -> {
      assertThat(e.probe()).isEqualTo("gateway-config");
      assertThat(e.env()).isEqualTo("production");
      assertThat(e.failuresBegan()).isEqualTo(changedAt);
      assertThat(e.failure()).hasValueSatisfying(f -> {
        assertThat(f.reason()).isEqualTo("config_changed");
        assertThat(f.expected()).contains("$.request_signing = \"hmac-sha256\"");
        assertThat(f.actual()).contains("$.request_signing = \"rsa-pss-sha512\"");
      });
      assertThat(e.probableCause()).hasValueSatisfying(c ->
          assertThat(c.changes()).extracting(FieldChange::path).containsExactly("$.request_signing"));
    });
    // Runs inside the window change nothing.
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(60), false, Optional.empty())))
        .isEmpty();
    assertThat(h.tick(changedAt.plus(Duration.ofMinutes(10)).minusMillis(1))).isEmpty();
    assertThat(h.tick(changedAt.plus(Duration.ofMinutes(10)))).singleElement()
        .extracting(AlertEvent::kind).isEqualTo(EventKind.RESOLVED);
  }

  @Test
  void certExpiresWithinFiresOnTheFirstShortCertificateAndResolvesOnRenewal() {
    var h = new EngineHarness(List.of(
        onProbe("gateway-cert-expiring", "gateway-config", new CertExpiresWithin(Duration.ofDays(14)))));
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(0), false,
        Optional.of(T0.plus(Duration.ofDays(20)))))).isEmpty();
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(60), false,
        Optional.empty()))).isEmpty();  // plain http: nothing to say
    List<AlertEvent> fired = h.feed(gatewayConfig("gateway-config", "production", at(120), false,
        Optional.of(T0.plus(Duration.ofDays(13)))));
    assertThat(fired).singleElement().satisfies(e -> assertThat(e.failure()).hasValueSatisfying(f -> {
      assertThat(f.reason()).isEqualTo("cert_expiry");
      assertThat(f.actual()).contains("expires at " + T0.plus(Duration.ofDays(13)));
    }));
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(180), false,
        Optional.of(T0.plus(Duration.ofDays(13)))))).isEmpty();
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(240), false,
        Optional.of(T0.plus(Duration.ofDays(90)))))).singleElement()
        .extracting(AlertEvent::kind).isEqualTo(EventKind.RESOLVED);
  }

  @Test
  void instancesAreSeparatePerProbeAndEnvironment() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).hasSize(1);
    assertThat(h.feed(ok("checkout", "staging", at(1)))).isEmpty();
    assertThat(h.status("checkout-failing", "checkout", "production").firing()).isTrue();
    assertThat(h.status("checkout-failing", "checkout", "staging").firing()).isFalse();
  }
}
