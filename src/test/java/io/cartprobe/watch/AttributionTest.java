package io.cartprobe.watch;

import static io.cartprobe.testing.Results.gatewayConfig;
import static io.cartprobe.testing.Results.gatewayFailure;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionTest {

  private static final Instant NOW = Instant.parse("2024-05-09T17:05:00Z");
  private static final Map<String, String> HEALTHY = Map.of("$.request_signing", "\"hmac-sha256\"");
  private static final ConfigChange SIGNING_CHANGED = new ConfigChange("gateway-config",
      "production", NOW.minus(Duration.ofMinutes(4)),
      List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")));

  private final Attribution attribution =
      new Attribution(new TestClock(NOW));

  @Test
  void checkoutFailingWhileTheGatewayConfigChangedNamesTheChange() {
    attribution.record(gatewayConfig("gateway-config", "production", SIGNING_CHANGED.at(),
        Map.of("$.request_signing", "\"rsa-pss-sha512\"")));
    attribution.record(SIGNING_CHANGED);

    ProbableCause cause =
        attribution.probableCause(paymentRejected("checkout", "production", NOW)).orElseThrow();

    assertThat(cause.probe()).isEqualTo("gateway-config");
    assertThat(cause.environment()).isEqualTo("production");
    assertThat(cause.at()).isEqualTo(SIGNING_CHANGED.at());
    assertThat(cause.changes()).isEqualTo(SIGNING_CHANGED.changes());
    assertThat(cause.failure()).isEmpty(); // the config probe itself passed: a change, not a failure
    assertThat(cause.summary()).isEqualTo("gateway-config changed $.request_signing "
        + "\"hmac-sha256\" -> \"rsa-pss-sha512\" at 2024-05-09T17:01:00Z");
  }

  @Test
  void aChangeOfAProbeThatAlsoFailedCarriesItsFailure() {
    attribution.record(SIGNING_CHANGED);
    attribution.record(gatewayFailure("gateway-config", "production", SIGNING_CHANGED.at(),
        "json $.request_signing equals: expected \"hmac-sha256\", got \"rsa-pss-sha512\""));

    ProbableCause cause =
        attribution.probableCause(paymentRejected("checkout", "production", NOW)).orElseThrow();

    assertThat(cause.changes()).isNotEmpty();
    assertThat(cause.failure()).contains(
        "json $.request_signing equals: expected \"hmac-sha256\", got \"rsa-pss-sha512\"");
  }

  @Test
  void checkoutFailingWhileTheGatewayConfigFailedNamesTheFailure() {
    attribution.record(gatewayConfig("gateway-health", "production", NOW.minusSeconds(30), Map.of()));
    attribution.record(gatewayFailure("gateway-config", "production", NOW.minusSeconds(20),
        "status: expected 200, got 401"));

    ProbableCause cause =
        attribution.probableCause(paymentRejected("checkout", "production", NOW)).orElseThrow();

    assertThat(cause.probe()).isEqualTo("gateway-config");
    assertThat(cause.changes()).isEmpty();
    assertThat(cause.failure()).contains("status: expected 200, got 401");
    assertThat(cause.summary()).isEqualTo(
        "gateway-config failed: status: expected 200, got 401 at 2024-05-09T17:04:40Z");
  }

  @Test
  void checkoutFailingWithTheGatewayHealthyAndUnchangedClaimsNoCause() {
    attribution.record(gatewayConfig("gateway-config", "production", NOW.minusSeconds(30), HEALTHY));
    attribution.record(gatewayConfig("gateway-health", "production", NOW.minusSeconds(30), Map.of()));

    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW))).isEmpty();
  }

  @Test
  void aGatewayFailureThatRecoveredIsNoLongerEvidence() {
    attribution.record(gatewayFailure("gateway-config", "production", NOW.minusSeconds(600),
        "connection failed"));
    attribution.record(gatewayConfig("gateway-config", "production", NOW.minusSeconds(60), HEALTHY));

    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW))).isEmpty();
  }

  @Test
  void evidenceOlderThanTheLookbackIsNone() {
    Instant old = NOW.minus(Duration.ofMinutes(31));
    attribution.record(new ConfigChange("gateway-config", "production", old,
        SIGNING_CHANGED.changes()));
    attribution.record(gatewayFailure("gateway-config", "production", old, "status: got 401"));

    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW))).isEmpty();
    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW),
        Duration.ofHours(1))).isPresent();
  }

  @Test
  void anotherEnvironmentsEvidenceIsNone() {
    attribution.record(new ConfigChange("gateway-config", "staging", NOW.minusSeconds(60),
        SIGNING_CHANGED.changes()));
    attribution.record(gatewayFailure("gateway-config", "staging", NOW.minusSeconds(60),
        "status: got 401"));

    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW))).isEmpty();
    assertThat(attribution.probableCause(paymentRejected("checkout", "staging", NOW))).isPresent();
  }

  @Test
  void aChangeIsPreferredOverAnotherProbesLaterFailure() {
    attribution.record(SIGNING_CHANGED);
    attribution.record(gatewayFailure("gateway-webhooks", "production", NOW.minusSeconds(10),
        "json $.status equals: expected \"enabled\", got \"disabled\""));

    assertThat(attribution.probableCause(paymentRejected("checkout", "production", NOW)).orElseThrow()
        .probe()).isEqualTo("gateway-config");
  }

  @Test
  void aPassingCheckoutHasNoCause() {
    attribution.record(SIGNING_CHANGED);

    assertThat(attribution.probableCause(ok("checkout", "production", NOW))).isEmpty();
  }
}
