package io.cartprobe.history;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.AssertionResult;
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

/** Probe results as the probe engine makes them, small enough to build by the thousand. */
public final class TestResults {

  private TestResults() {}

  public static ProbeResult success(String probe, String env, Instant at, Duration duration) {
    return new ProbeResult(probe, env, ProbeType.CHECKOUT, at, duration, Verdict.SUCCESS, 1,
        trace(at), List.of(passed("create_cart", "cart-service", duration)), Optional.empty(),
        List.of(), List.of(), Map.of(), Optional.empty());
  }

  public static ProbeResult degraded(String probe, String env, Instant at, Duration duration) {
    ProbeResult ok = success(probe, env, at, duration);
    return new ProbeResult(probe, env, ok.probeType(), at, duration, Verdict.DEGRADED, 1,
        ok.traceId(), ok.steps(), Optional.empty(), List.of(), List.of(), Map.of(),
        Optional.empty());
  }

  /** A checkout whose authorize_payment step got a 500 from the shop, with a probable cause. */
  public static ProbeResult failure(String probe, String env, Instant at, Duration duration) {
    return failure(probe, env, at, duration, "authorize_payment", "payment-gateway",
        "status: expected 200, got 500", "gateway_rejected",
        "{\"error\":{\"type\":\"database_error\"}}");
  }

  public static ProbeResult failure(String probe, String env, Instant at, Duration duration,
      String step, String component, String message, String classification, String excerpt) {
    Duration third = duration.dividedBy(3);
    StepResult failed = new StepResult(step, component, StepStatus.FAILED, "POST",
        "http://shop.test/api/carts/c-1/payment", Optional.of(500), third,
        new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1),
            third.minusMillis(2), Duration.ofMillis(1)),
        List.of(new AssertionResult("status", "200", "500", false)),
        Optional.of(FailureReason.STATUS), Optional.of(message), Optional.of(excerpt),
        Optional.of(classification), Optional.empty());
    ProbableCause cause = new ProbableCause("gateway-config", env, at.minusSeconds(40),
        List.of(new ProbableCause.FieldChange("$.request_signing", "\"hmac-sha256\"",
            "\"rsa-pss-sha512\"")), Optional.empty(), ProbableCause.Confidence.LIKELY,
        "authorize_payment (payment-gateway) depends on gateway-config (same component)");
    return new ProbeResult(probe, env, ProbeType.CHECKOUT, at, duration, Verdict.FAILURE, 1, trace(at),
        List.of(passed("create_cart", "cart-service", third), failed,
            StepResult.skipped("get_order", "orders-service", "GET")),
        Optional.of(new Failure(step, component, FailureReason.STATUS, message,
            Optional.of("200"), Optional.of("500"), Optional.of(classification))),
        List.of(), List.of("not retried: POST is not idempotent"), Map.of(),
        Optional.of(cause));
  }

  public static StepResult passed(String name, String component, Duration duration) {
    Duration sixth = duration.dividedBy(6);
    return new StepResult(name, component, StepStatus.PASSED, "POST",
        "http://shop.test/api/carts", Optional.of(201), duration,
        new Timings(sixth, sixth, sixth, sixth, sixth, sixth),
        List.of(new AssertionResult("status", "201", "201", true)), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static String trace(Instant at) {
    return String.format("%032x", at.toEpochMilli());
  }
}
