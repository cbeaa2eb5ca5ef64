package io.cartprobe.testing;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probe results for every test that consumes them (alerting, history, the status page, metrics,
 * the watch), built the way the probe engine builds them: {@link #result} and {@link #step} for
 * anything, and the runs many tests share, named after what happened.
 */
public final class Results {

  public static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  public static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String GATEWAY_URL = "https://gateway.example.com/v1/account/config";

  private Results() {}

  public static ResultBuilder result(String probe, String env) {
    return new ResultBuilder(probe, env);
  }

  public static StepBuilder step(String name, String component) {
    return new StepBuilder(name, component);
  }

  /** A checkout that passed: one cart step, its phases and its status check. */
  public static ProbeResult ok(String probe, String env, Instant at, Duration took) {
    return result(probe, env).at(at).took(took).steps(cartCreated(took).build()).build();
  }

  public static ProbeResult ok(String probe, String env, Instant at) {
    return ok(probe, env, at, Duration.ofMillis(300));
  }

  /** Passed every check, but over a {@code degraded_latency} budget. */
  public static ProbeResult degraded(String probe, String env, Instant at, Duration took) {
    return result(probe, env).at(at).took(took).verdict(Verdict.DEGRADED)
        .steps(cartCreated(took).status(StepStatus.DEGRADED).build()).build();
  }

  /**
   * The May 9 checkout failure: the cart is created, the shop answers the payment with a 500
   * whose body shows the gateway rejected it (classified {@code gateway_rejected}), the order is
   * never read. No probable cause: attribution is the consumer's business.
   */
  public static ProbeResult paymentRejected(String probe, String env, Instant at, Duration took) {
    Duration third = took.dividedBy(3);
    return failedCheckout(probe, env, at, took, step("authorize_payment", "payment-gateway")
        .request("POST", "http://shop.test/api/carts/c-1/payment").http(500).took(third)
        .timings(new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1),
            third.minusMillis(2), Duration.ofMillis(1)))
        .assertions(new AssertionResult("status", "200", "500", false))
        .failed(FailureReason.STATUS, "status: expected 200, got 500")
        .excerpt("{\"error\":{\"type\":\"database_error\",\"card\":\"***\"}}")
        .classification("gateway_rejected").build());
  }

  public static ProbeResult paymentRejected(String probe, String env, Instant at) {
    return paymentRejected(probe, env, at, Duration.ofMillis(300));
  }

  /** {@link #paymentRejected} as the agent records it: after the gateway's signing changed. */
  public static ProbeResult paymentRejectedAfterSigningChange(String probe, String env,
      Instant at, Duration took) {
    return paymentRejected(probe, env, at, took)
        .withProbableCause(signingChanged(env, at.minusSeconds(40)));
  }

  /** A checkout whose cart step passed and {@code failed} failed; the next step is skipped. */
  public static ProbeResult failedCheckout(String probe, String env, Instant at, Duration took,
      StepResult failed) {
    return result(probe, env).at(at).took(took)
        .steps(cartCreated(took.dividedBy(3)).build(), failed,
            StepResult.skipped("get_order", "orders-service", "GET"))
        .failedAt(failed, "200", "500").notes("not retried: POST is not idempotent").build();
  }

  /** gateway-config saw the May 9 change: the request signing scheme flipped. */
  public static ProbableCause signingChanged(String env, Instant at) {
    return new ProbableCause("gateway-config", env, at,
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")),
        Optional.empty(), ProbableCause.Confidence.LIKELY,
        "authorize_payment (payment-gateway) depends on gateway-config (same component)");
  }

  /** A gateway-config run against the gateway's account API; failed, it got a 500. */
  public static ProbeResult gatewayConfig(String probe, String env, Instant at, boolean failed,
      Optional<Instant> certNotAfter) {
    StepBuilder check = step(probe, "payment-gateway").request("GET", GATEWAY_URL)
        .http(failed ? 500 : 200).took(Duration.ofMillis(90)).certNotAfter(certNotAfter);
    if (failed) {
      check.failed(FailureReason.STATUS, "expected status 200, got 500");
    }
    ResultBuilder run = result(probe, env).type("gateway-config").at(at)
        .took(Duration.ofMillis(90)).steps(check.build());
    return (failed ? run.failedAt(check.build(), "200", "500") : run).build();
  }

  /** A passing gateway-config run that read these watched values. */
  public static ProbeResult gatewayConfig(String probe, String env, Instant at,
      Map<String, String> watched) {
    return gatewayConfig(probe, env, at, false, Optional.empty()).withWatched(watched);
  }

  /** A gateway-config run whose checks failed with {@code message}. */
  public static ProbeResult gatewayFailure(String probe, String env, Instant at, String message) {
    StepResult check = step(probe, "payment-gateway").request("GET", GATEWAY_URL).http(200)
        .took(Duration.ofMillis(90)).failed(FailureReason.ASSERTION, message).build();
    return result(probe, env).type("gateway-config").at(at).took(Duration.ofMillis(90))
        .steps(check).failedAt(check, null, null).build();
  }

  /**
   * A provider-status run that read {@code components} (name, status) and, when
   * {@code incident} is given, that open incident on "Card payments": failed with reason
   * provider_incident then.
   */
  public static ProbeResult providerStatus(String probe, String env, Instant at,
      Map<String, String> components, Optional<String> incident) {
    List<ProviderStatus.ProviderIncident> open = incident.map(name ->
        List.of(new ProviderStatus.ProviderIncident(name, "investigating", "minor",
            at.minusSeconds(60), "https://stspg.io/demo1", List.of("Card payments"),
            "We are investigating."))).orElse(List.of());
    ProviderStatus reading = new ProviderStatus(probe, env, "https://status.example-psp.com",
        components, open);
    StepBuilder check = step(probe, "payment-gateway")
        .request("GET", "https://status.example-psp.com/api/v2/summary.json").http(200)
        .took(Duration.ofMillis(40));
    if (reading.troubled()) {
      check.failed(FailureReason.PROVIDER_INCIDENT, "provider reports "
          + String.join("; ", reading.findings()));
    }
    ResultBuilder run = result(probe, env).type("provider-status").at(at)
        .took(Duration.ofMillis(40)).steps(check.build());
    return (reading.troubled() ? run.failedAt(check.build(), null, null) : run).build()
        .withProviderStatus(List.of(reading));
  }

  private static StepBuilder cartCreated(Duration took) {
    return step("create_cart", "cart-service").took(took).evenPhases()
        .assertions(new AssertionResult("status", "201", "201", true));
  }
}
