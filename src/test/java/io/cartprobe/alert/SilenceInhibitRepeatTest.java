package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.inhibitedBy;
import static io.cartprobe.alert.Rules.onProbe;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.alert.Rules.withRepeat;
import static io.cartprobe.testing.Results.gatewayConfig;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SilenceInhibitRepeatTest {

  private static final Instant SILENCE_FROM = T0.plus(Duration.ofMinutes(1));
  private static final Instant SILENCE_UNTIL = T0.plus(Duration.ofMinutes(10));

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static EngineHarness silenced() {
    return new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)),
        List.of(new Silence(List.of("checkout"), List.of("production"), SILENCE_FROM,
            SILENCE_UNTIL, "deploy")), List.of());
  }

  @Test
  void aFiringAlertIsRecordedButQuietDuringASilenceAndSentWhenItEnds() {
    var h = silenced();
    assertThat(h.feed(paymentRejected("checkout", "production", at(90)))).isEmpty();
    AlertStatus status = h.status("checkout-failing", "checkout", "production");
    assertThat(status.firing()).isTrue();
    assertThat(status.silenced()).isTrue();
    assertThat(status.notified()).isFalse();
    assertThat(h.feed(paymentRejected("checkout", "production", at(120)))).isEmpty();
    assertThat(h.tick(SILENCE_UNTIL.minusMillis(1))).isEmpty();
    assertThat(h.tick(SILENCE_UNTIL)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.FIRING);
      assertThat(e.failedRuns()).isEqualTo(2);
      assertThat(e.at()).isEqualTo(SILENCE_UNTIL);
    });
    assertThat(h.tick(SILENCE_UNTIL.plusSeconds(5))).isEmpty();
  }

  @Test
  void otherEnvironmentsAreNotSilenced() {
    var h = silenced();
    assertThat(h.feed(paymentRejected("checkout", "staging", at(90)))).hasSize(1);
  }

  @Test
  void anAlertThatFiresAndResolvesInsideASilenceIsNeverSent() {
    var h = silenced();
    assertThat(h.feed(paymentRejected("checkout", "production", at(90)))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(120)))).isEmpty();
    assertThat(h.status("checkout-failing", "checkout", "production").state())
        .isEqualTo(InstanceState.RESOLVED);
    assertThat(h.tick(SILENCE_UNTIL)).isEmpty();
  }

  @Test
  void aResolutionDuringASilenceOfAnAlertAlreadySentIsSentWhenTheSilenceEnds() {
    var h = silenced();
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).hasSize(1);
    assertThat(h.feed(ok("checkout", "production", at(90)))).isEmpty();
    assertThat(h.tick(SILENCE_UNTIL)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.RESOLVED);
      assertThat(e.endsAt()).contains(at(90).plusMillis(300));
    });
  }

  private static EngineHarness inhibition() {
    return new EngineHarness(List.of(
        onProbe("gateway-config-failing", "gateway-config", new ConsecutiveFailures(1)),
        inhibitedBy(rule("checkout-failing", new ConsecutiveFailures(1), 1), "gateway-config-failing")));
  }

  @Test
  void anInhibitedAlertIsRecordedNotSentAndSentWhenItOutlastsTheInhibitorsGrace() {
    var h = inhibition();
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(0), true, Optional.empty())))
        .singleElement().extracting(AlertEvent::alert).isEqualTo("gateway-config-failing");
    assertThat(h.feed(paymentRejected("checkout", "production", at(10)))).isEmpty();
    AlertStatus checkout = h.status("checkout-failing", "checkout", "production");
    assertThat(checkout.firing()).isTrue();
    assertThat(checkout.inhibited()).isTrue();

    List<AlertEvent> events =
        h.feed(gatewayConfig("gateway-config", "production", at(60), false, Optional.empty()));
    assertThat(events).extracting(AlertEvent::alert, AlertEvent::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("gateway-config-failing", EventKind.RESOLVED));
    // The checkout is still failing once the grace (here the 5 s minimum) has passed.
    assertThat(h.tick(at(63))).isEmpty();
    assertThat(h.tick(at(66))).extracting(AlertEvent::alert, AlertEvent::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("checkout-failing", EventKind.FIRING));
  }

  @Test
  void theOrdinaryRecoveryOrderSendsNothingForTheInhibitedAlert() {
    var h = inhibition();
    h.feed(gatewayConfig("gateway-config", "production", at(0), true, Optional.empty()));
    assertThat(h.feed(paymentRejected("checkout", "production", at(10)))).isEmpty();

    // The gateway recovers first, the checkout's next run passes 0.45 s later.
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(60), false, Optional.empty())))
        .extracting(AlertEvent::alert).containsExactly("gateway-config-failing");
    assertThat(h.feed(ok("checkout", "production", at(60).plusMillis(450)))).isEmpty();
    assertThat(h.tick(at(120))).isEmpty();
    assertThat(h.status("checkout-failing", "checkout", "production").firing()).isFalse();
  }

  @Test
  void inhibitionIsPerEnvironment() {
    var h = inhibition();
    h.feed(gatewayConfig("gateway-config", "staging", at(0), true, Optional.empty()));
    assertThat(h.feed(paymentRejected("checkout", "production", at(10)))).singleElement()
        .extracting(AlertEvent::alert).isEqualTo("checkout-failing");
  }

  @Test
  void inhibitionNeverHoldsBackAResolution() {
    var h = inhibition();
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).hasSize(1);
    assertThat(h.feed(gatewayConfig("gateway-config", "production", at(10), true, Optional.empty())))
        .hasSize(1);
    assertThat(h.feed(ok("checkout", "production", at(30)))).singleElement().satisfies(e -> {
      assertThat(e.alert()).isEqualTo("checkout-failing");
      assertThat(e.kind()).isEqualTo(EventKind.RESOLVED);
    });
  }

  @Test
  void anAlertInhibitedThroughoutResolvesQuietly() {
    var h = inhibition();
    h.feed(gatewayConfig("gateway-config", "production", at(0), true, Optional.empty()));
    assertThat(h.feed(paymentRejected("checkout", "production", at(10)))).isEmpty();
    assertThat(h.feed(ok("checkout", "production", at(40)))).isEmpty();
  }

  @Test
  void repeatResendsWhileFiringOnTickAndStopsOnResolution() {
    var h = new EngineHarness(List.of(
        withRepeat(rule("checkout-failing", new ConsecutiveFailures(1), 1), Duration.ofHours(1))));
    Instant firedAt = at(0).plusMillis(300);
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).hasSize(1);
    assertThat(h.tick(firedAt.plus(Duration.ofMinutes(59)))).isEmpty();
    assertThat(h.tick(firedAt.plus(Duration.ofHours(1)))).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(EventKind.REPEAT);
      assertThat(e.status()).isEqualTo("firing");
      assertThat(e.startsAt()).isEqualTo(firedAt);
    });
    assertThat(h.feed(paymentRejected("checkout", "production", at(5400)))).isEmpty();
    assertThat(h.tick(firedAt.plus(Duration.ofHours(2)))).singleElement()
        .extracting(AlertEvent::kind).isEqualTo(EventKind.REPEAT);
    assertThat(h.feed(ok("checkout", "production", at(7300)))).singleElement()
        .extracting(AlertEvent::kind).isEqualTo(EventKind.RESOLVED);
    assertThat(h.tick(firedAt.plus(Duration.ofHours(5)))).isEmpty();
  }

  @Test
  void withoutRepeatAFiringAlertIsSentOnce() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    assertThat(h.feed(paymentRejected("checkout", "production", at(0)))).hasSize(1);
    assertThat(h.feed(paymentRejected("checkout", "production", at(30)))).isEmpty();
    assertThat(h.tick(at(86_400))).isEmpty();
  }
}
