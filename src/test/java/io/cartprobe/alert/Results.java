package io.cartprobe.alert;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ProbeResults as the probe engine makes them, built in one line for tests. */
public final class Results {

  public static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private Results() {}

  public static ProbeResult ok(String probe, String env, Instant at) {
    return ok(probe, env, at, Duration.ofMillis(300));
  }

  public static ProbeResult ok(String probe, String env, Instant at, Duration took) {
    return result(probe, env, ProbeType.CHECKOUT, at, took, Verdict.SUCCESS, List.of(
        step("create_cart", "cart-service", StepStatus.PASSED, took, Optional.empty())),
        Optional.empty());
  }

  public static ProbeResult degraded(String probe, String env, Instant at, Duration took) {
    return result(probe, env, ProbeType.CHECKOUT, at, took, Verdict.DEGRADED, List.of(
        step("create_cart", "cart-service", StepStatus.DEGRADED, took, Optional.empty())),
        Optional.empty());
  }

  /** The May 9 failure: the payment step, the gateway rejecting the shop's signature. */
  public static ProbeResult paymentRejected(String probe, String env, Instant at) {
    Failure failure = new Failure("authorize_payment", "payment-gateway", FailureReason.STATUS,
        "expected status 200, got 500", Optional.of("200"), Optional.of("500"),
        Optional.of("gateway_rejected"));
    StepResult cart = step("create_cart", "cart-service", StepStatus.PASSED,
        Duration.ofMillis(120), Optional.empty());
    StepResult payment = new StepResult("authorize_payment", "payment-gateway", StepStatus.FAILED,
        "POST", "http://127.0.0.1:8080/production/api/carts/c1/payment", Optional.of(500),
        Duration.ofMillis(180), Timings.NONE, List.of(), Optional.of(FailureReason.STATUS),
        Optional.of("expected status 200, got 500"),
        Optional.of("{\"error\":{\"type\":\"database_error\",\"card\":\"***\"}}"),
        Optional.of("gateway_rejected"), Optional.empty());
    return result(probe, env, ProbeType.CHECKOUT, at, Duration.ofMillis(300), Verdict.FAILURE,
        List.of(cart, payment), Optional.of(failure));
  }

  public static ProbeResult gatewayConfig(String probe, String env, Instant at, boolean failed,
      Optional<Instant> certNotAfter) {
    StepResult step = new StepResult(probe, "payment-gateway",
        failed ? StepStatus.FAILED : StepStatus.PASSED, "GET",
        "https://gateway.example.com/v1/account/config", Optional.of(failed ? 500 : 200),
        Duration.ofMillis(90), Timings.NONE, List.of(),
        failed ? Optional.of(FailureReason.STATUS) : Optional.empty(),
        failed ? Optional.of("expected status 200, got 500") : Optional.empty(),
        Optional.empty(), Optional.empty(), certNotAfter);
    Optional<Failure> failure = failed
        ? Optional.of(new Failure(probe, "payment-gateway", FailureReason.STATUS,
            "expected status 200, got 500", Optional.of("200"), Optional.of("500"), Optional.empty()))
        : Optional.empty();
    return result(probe, env, ProbeType.GATEWAY_CONFIG, at, Duration.ofMillis(90),
        failed ? Verdict.FAILURE : Verdict.SUCCESS, List.of(step), failure);
  }

  public static ProbeResult withCause(ProbeResult r, ProbableCause cause) {
    return r.withProbableCause(cause);
  }

  static StepResult step(String name, String component, StepStatus status, Duration took,
      Optional<Instant> cert) {
    return new StepResult(name, component, status, "POST", "http://127.0.0.1:8080/api/carts",
        Optional.of(201), took, Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), cert);
  }

  static ProbeResult result(String probe, String env, ProbeType type, Instant at, Duration took,
      Verdict verdict, List<StepResult> steps, Optional<Failure> failure) {
    return new ProbeResult(probe, env, type, at, took, verdict, 1, TRACE, steps, failure,
        List.of(), List.of(), Map.of(), Optional.empty());
  }
}
