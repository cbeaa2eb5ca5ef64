package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.gatewayConfig;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.json.Json;
import io.cartprobe.testing.Results;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a notification says: the May 9 outage, told the way the on-call engineer needed it. */
class NotificationContentTest {

  private static final List<FieldChange> MAY_9 = List.of(
      new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""),
      new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""));

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void theMay9FiringNotificationNamesTheStepTheComponentTheAnswerAndTheChange() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(2), 2)));
    h.clock.set(at(3));
    h.engine.onConfigChange("gateway-config", "production", at(3), MAY_9);
    // As the agent's attribution finds it for these runs: the engine quotes, it does not guess.
    ProbableCause may9 = new ProbableCause("gateway-config", "production", at(3), MAY_9,
        Optional.empty(), ProbableCause.Confidence.LIKELY,
        "authorize_payment (payment-gateway) depends on gateway-config (same component)");

    assertThat(h.feed(paymentRejected("checkout", "production", at(10)).withProbableCause(may9)))
        .isEmpty();
    AlertEvent e = h.feed(paymentRejected("checkout", "production", at(40))
        .withProbableCause(may9)).getFirst();

    assertThat(e.alert()).isEqualTo("checkout-failing");
    assertThat(e.severity()).isEqualTo("critical");
    assertThat(e.probe()).isEqualTo("checkout");
    assertThat(e.env()).isEqualTo("production");
    assertThat(e.agentLabels()).containsEntry("location", "eu-west-1");
    assertThat(e.failuresBegan()).isEqualTo(at(10));
    assertThat(e.failedRuns()).isEqualTo(2);
    assertThat(e.runbook()).contains(Rules.RUNBOOK);
    assertThat(e.traceId()).contains(Results.TRACE);
    assertThat(e.failure()).hasValueSatisfying(f -> {
      assertThat(f.step()).isEqualTo("authorize_payment");
      assertThat(f.component()).isEqualTo("payment-gateway");
      assertThat(f.reason()).isEqualTo("status");
      assertThat(f.expected()).contains("200");
      assertThat(f.actual()).contains("500");
      assertThat(f.classification()).contains("gateway_rejected");
      assertThat(f.bodyExcerpt()).hasValueSatisfying(b -> assertThat(b).contains("***")
          .doesNotContain("4242"));
    });
    assertThat(e.probableCause()).hasValueSatisfying(c -> {
      assertThat(c.probe()).isEqualTo("gateway-config");
      assertThat(c.at()).isEqualTo(at(3));
      assertThat(c.changes()).containsExactlyElementsOf(MAY_9);
    });
    assertThat(e.summary()).isEqualTo(
        "checkout-failing: checkout@production step authorize_payment (payment-gateway) status [gateway_rejected]");
    assertThat(e.description())
        .contains("Failed step: authorize_payment (component payment-gateway), reason status, classified gateway_rejected")
        .contains("Expected: 200")
        .contains("Actual: 500")
        .contains("Probable cause (likely): gateway-config changed $.request_signing \"hmac-sha256\" -> \"rsa-pss-sha512\"")
        .contains("Why: authorize_payment (payment-gateway) depends on gateway-config")
        .contains("Failing since 2024-05-09T17:00:10Z, 2 bad runs.");
  }

  @Test
  void aCheckoutWithNoCauseSaysPlainlyThatThereIsNoGatewayEvidence() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.feed(gatewayConfig("gateway-config", "production", at(0), true, Optional.empty()));
    String note = "no gateway evidence: create_cart (cart-service) depends on no gateway-config probe";
    AlertEvent e = h.feed(paymentRejected("checkout", "production", at(10)).withNote(note)).stream()
        .filter(x -> x.probe().equals("checkout")).findFirst().orElseThrow();
    assertThat(e.probableCause()).as("a failing gateway-config is not a cause by itself").isEmpty();
    assertThat(e.causeNote()).contains(note);
    assertThat(e.description()).contains("Probable cause: none, " + note);
  }

  @Test
  void aChangeAloneIsNoCauseTheEngineNamesOnlyWhatItsResultCarries() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.engine.onConfigChange("gateway-config", "staging", at(0), MAY_9);
    h.engine.onConfigChange("gateway-config", "production", at(0), MAY_9);
    // 31 minutes later: beyond consecutive_failures' 30-minute lookback.
    AlertEvent e = h.feed(paymentRejected("checkout", "production", at(31 * 60))).getFirst();
    assertThat(e.probableCause()).isEmpty();
    assertThat(e.description()).doesNotContain("Probable cause");
  }

  @Test
  void theResultsOwnProbableCauseWins() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.engine.onConfigChange("gateway-config", "production", at(0), MAY_9);
    ProbableCause fromWatch = new ProbableCause("gateway-config-eu", "production", at(5),
        List.of(MAY_9.getFirst()), Optional.empty(),
        ProbableCause.Confidence.LIKELY, "authorize_payment depends on gateway-config-eu");
    AlertEvent e = h.feed(paymentRejected("checkout", "production", at(10))
        .withProbableCause(fromWatch)).getFirst();
    assertThat(e.probableCause()).contains(fromWatch);
  }

  @Test
  void aResolvedNotificationSaysHowLongItLasted() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.feed(paymentRejected("checkout", "production", at(0)));
    AlertEvent resolved = h.feed(ok("checkout", "production", at(5400))).getFirst();
    assertThat(resolved.lasted()).contains(Duration.ofMinutes(90));
    assertThat(resolved.summary()).isEqualTo("checkout-failing resolved: checkout@production after 1h 30m");
  }

  @Test
  void theEventSurvivesItsOwnJson() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.engine.onConfigChange("gateway-config", "production", at(0), MAY_9);
    AlertEvent e = h.feed(paymentRejected("checkout", "production", at(10))).getFirst();
    assertThat(Json.read(Json.tree(e), AlertEvent.class)).isEqualTo(e);
  }
}
