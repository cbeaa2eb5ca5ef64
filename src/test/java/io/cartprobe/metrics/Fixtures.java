package io.cartprobe.metrics;

import io.cartprobe.config.ProbeType;
import io.cartprobe.config.AgentConfig;
import io.cartprobe.config.Body;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.Environment;
import io.cartprobe.config.Expect;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.StatusExpectation;
import io.cartprobe.config.Step;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Synthetic configs and results: a two-step checkout probe against staging and production. */
final class Fixtures {

  static final Instant START = Instant.parse("2026-05-09T10:00:00Z");
  static final String CART_URL = "https://shop.example/staging/api/carts";
  static final String PAY_URL = "https://shop.example/staging/api/carts/c-123/payment";

  private Fixtures() {}

  static CartprobeConfig config(Duration createCartMax, Duration createCartDegraded) {
    Step createCart = step("create_cart", "cart-service", CART_URL,
        Optional.of(createCartMax), Optional.of(createCartDegraded));
    Step authorize = step("authorize_payment", "payment-gateway", PAY_URL,
        Optional.of(Duration.ofMillis(1500)), Optional.empty());
    CheckoutProbe checkout = new CheckoutProbe("checkout", List.of("staging", "production"),
        Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(10), 1, Map.of(),
        List.of(createCart, authorize), List.of());
    return new CartprobeConfig(Path.of("probes.yaml"),
        AgentConfig.defaults(),
        Map.of("staging", new Environment("staging", Map.of(), Map.of(), Map.of()),
            "production", new Environment("production", Map.of(), Map.of(), Map.of())),
        List.of(checkout), List.of(), List.of(), List.of());
  }

  static CartprobeConfig config() {
    return config(Duration.ofMillis(800), Duration.ofMillis(400));
  }

  private static Step step(String name, String component, String url, Optional<Duration> max,
      Optional<Duration> degraded) {
    Expect expect = new Expect(StatusExpectation.ANY_2XX, max, degraded, List.of(), List.of(),
        List.of(), Optional.empty());
    return new Step(name, component, new RequestSpec("POST", url, Map.of(), new Body.None()),
        expect, Map.of(), List.of());
  }

  static Timings timings(long dns, long connect, long tls, long request, long ttfb, long transfer) {
    return new Timings(Duration.ofMillis(dns), Duration.ofMillis(connect), Duration.ofMillis(tls),
        Duration.ofMillis(request), Duration.ofMillis(ttfb), Duration.ofMillis(transfer));
  }

  static StepResult passed(String name, String url, int status, long millis, Timings timings) {
    return new StepResult(name, "svc", StepStatus.PASSED, "POST", url, Optional.of(status),
        Duration.ofMillis(millis), timings, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static StepResult degradedStep(String name, String url, int status, long millis) {
    return new StepResult(name, "svc", StepStatus.DEGRADED, "POST", url, Optional.of(status),
        Duration.ofMillis(millis), Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  static StepResult failed(String name, String url, Optional<Integer> status, long millis,
      FailureReason reason) {
    return new StepResult(name, "svc", StepStatus.FAILED, "POST", url, status,
        Duration.ofMillis(millis), Timings.NONE, List.of(), Optional.of(reason),
        Optional.of("failed"), Optional.of("{\"error\":\"card_declined\"}"), Optional.empty(),
        Optional.empty());
  }

  static ProbeResult result(String env, Verdict verdict, int attempts, long millis,
      List<StepResult> steps, Optional<Failure> failure, List<StepResult> cleanup) {
    return new ProbeResult("checkout", env, ProbeType.CHECKOUT, START, Duration.ofMillis(millis), verdict,
        attempts, "4bf92f3577b34da6a3ce929d0e0e4736", steps, failure, cleanup, List.of(),
        java.util.Map.of(), Optional.empty());
  }

  static ProbeResult success(String env) {
    return result(env, Verdict.SUCCESS, 1, 350, List.of(
            passed("create_cart", CART_URL, 201, 120, timings(2, 3, 10, 1, 90, 14)),
            passed("authorize_payment", PAY_URL, 200, 230, timings(0, 0, 0, 1, 200, 29))),
        Optional.empty(), List.of());
  }

  static ProbeResult failureAtPayment(String env) {
    Failure failure = new Failure("authorize_payment", "payment-gateway", FailureReason.STATUS,
        "expected 200, got 402", Optional.of("200"), Optional.of("402"), Optional.empty());
    return result(env, Verdict.FAILURE, 2, 900, List.of(
            passed("create_cart", CART_URL, 201, 120, timings(2, 3, 10, 1, 90, 14)),
            failed("authorize_payment", PAY_URL, Optional.of(402), 700, FailureReason.STATUS)),
        Optional.of(failure),
        List.of(failed("cleanup-1", CART_URL + "/c-123", Optional.of(500), 30,
            FailureReason.STATUS)));
  }

  static ProbeResult connectFailureAtCart(String env) {
    Failure failure = new Failure("create_cart", "cart-service", FailureReason.CONNECT,
        "connection refused", Optional.empty(), Optional.empty(), Optional.empty());
    return result(env, Verdict.FAILURE, 1, 5, List.of(
            failed("create_cart", CART_URL, Optional.empty(), 5, FailureReason.CONNECT),
            StepResult.skipped("authorize_payment", "payment-gateway", "POST")),
        Optional.of(failure), List.of());
  }

  static ProbeResult degraded(String env) {
    return result(env, Verdict.DEGRADED, 1, 700, List.of(
            degradedStep("create_cart", CART_URL, 201, 500),
            passed("authorize_payment", PAY_URL, 200, 200, Timings.NONE)),
        Optional.empty(), List.of());
  }

  static ProbeResult successAfterRetry(String env) {
    return result(env, Verdict.SUCCESS, 2, 1200, List.of(
            passed("create_cart", CART_URL, 201, 100, Timings.NONE),
            passed("authorize_payment", PAY_URL, 200, 300, Timings.NONE)),
        Optional.empty(), List.of());
  }
}
