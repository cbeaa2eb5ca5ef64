package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.alert.webhook.AlertLabels;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Matrix;
import io.cartprobe.result.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A probe with a matrix: one instance per variant, and notifications that say which failed. */
class VariantAlertsTest {

  private static final CheckoutProbe CHECKOUT = new CheckoutProbe("checkout",
      List.of("production"), Duration.ofSeconds(30), Duration.ofSeconds(10),
      Duration.ofSeconds(10), 0, Map.of(), List.of(), List.of(), ClientSettings.NONE,
      new Matrix(Map.of("payment_method", List.of("visa", "mastercard", "amex"))));

  private final EngineHarness h = new EngineHarness(
      List.of(rule("checkout-failing", new ConsecutiveFailures(2), 2)), List.of(),
      List.of(CHECKOUT));

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private List<AlertEvent> healthyRound(int second) {
    h.feed(ok("checkout", "production", at(second)).withVariant("visa"));
    return h.feed(ok("checkout", "production", at(second + 1)).withVariant("mastercard"));
  }

  @Test
  void oneFailingVariantFiresOnceForItselfAndSaysHowManyFail() {
    assertThat(h.engine.statuses()).extracting(AlertStatus::variant)
        .containsExactly("visa", "mastercard", "amex");
    healthyRound(0);
    assertThat(h.feed(paymentRejected("checkout", "production", at(5)).withVariant("amex"))).isEmpty();
    assertThat(healthyRound(10)).isEmpty();

    List<AlertEvent> sent = h.feed(paymentRejected("checkout", "production", at(15)).withVariant("amex"));

    assertThat(sent).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo(new AlertKey("checkout-failing", "checkout", "production", "amex"));
      assertThat(e.variants()).contains(new AlertEvent.VariantTally(3, List.of("amex")));
      assertThat(e.summary()).isEqualTo("checkout-failing: checkout[amex]@production step "
          + "authorize_payment (payment-gateway) status [gateway_rejected] (1 of 3 variants failing: amex)");
      assertThat(e.description()).contains("on checkout[amex]@production.\n"
          + "Variant: amex (1 of 3 variants failing: amex)\n");
      assertThat(AlertLabels.labels(e)).containsEntry("variant", "amex");
      assertThat(EventJson.of(e).variant()).isEqualTo("amex");
      assertThat(Json.write(EventJson.of(e))).contains("\"variant\":\"amex\"",
          "\"variants\":{\"total\":3,\"failing\":[\"amex\"]}");
    });
    assertThat(h.engine.statuses()).filteredOn(AlertStatus::firing).extracting(AlertStatus::variant)
        .containsExactly("amex");
  }

  @Test
  void theTallyCountsEveryVariantWhoseLatestRunFailed() {
    h.feed(paymentRejected("checkout", "production", at(0)).withVariant("visa"));
    h.feed(paymentRejected("checkout", "production", at(1)).withVariant("amex"));
    h.feed(ok("checkout", "production", at(2)).withVariant("mastercard"));

    List<AlertEvent> sent = h.feed(paymentRejected("checkout", "production", at(10)).withVariant("amex"));

    assertThat(sent).singleElement().extracting(AlertEvent::summary).asString()
        .endsWith("(2 of 3 variants failing: visa, amex)");
  }

  @Test
  void aProbeWithoutMatrixHasNoVariantAnywhere() {
    var plain = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(2), 2)));
    plain.feed(paymentRejected("checkout", "production", at(0)));
    AlertEvent e = plain.feed(paymentRejected("checkout", "production", at(10))).getFirst();

    assertThat(e.variant()).isEmpty();
    assertThat(e.variants()).isEmpty();
    assertThat(e.summary()).startsWith("checkout-failing: checkout@production step").doesNotContain("variants");
    assertThat(AlertLabels.labels(e)).doesNotContainKey("variant");
    assertThat(Json.write(EventJson.of(e))).doesNotContain("variant");
  }

  @Test
  void aVariantsInstanceSurvivesTheStateFileAndAnOldFileReadsAsNoVariant() throws Exception {
    h.feed(paymentRejected("checkout", "production", at(0)).withVariant("amex"));
    h.feed(paymentRejected("checkout", "production", at(10)).withVariant("amex"));
    List<InstanceSnapshot> saved = h.engine.snapshot();
    String json = Json.write(saved);

    List<InstanceSnapshot> back = List.of(Json.read(Json.parse(json).get(0), InstanceSnapshot.class));
    var restarted = new EngineHarness(
        List.of(rule("checkout-failing", new ConsecutiveFailures(2), 2)), List.of(), List.of(CHECKOUT));
    restarted.engine.restore(back);

    assertThat(restarted.engine.statuses()).filteredOn(AlertStatus::firing)
        .extracting(AlertStatus::variant).containsExactly("amex");
    assertThat(back.getFirst().lastEvent().orElseThrow().variants())
        .contains(new AlertEvent.VariantTally(3, List.of("amex")));
    String old = json.replace(",\"variant\":\"amex\"", "");
    assertThat(Json.read(Json.parse(old).get(0), InstanceSnapshot.class).key())
        .isEqualTo(new AlertKey("checkout-failing", "checkout", "production"));
  }
}
