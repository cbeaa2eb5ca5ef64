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
import io.cartprobe.testing.ResultBuilder;
import io.cartprobe.testing.Results;
import io.cartprobe.testing.StepBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Synthetic configs and results: a two-step checkout probe against staging and production. */
final class Fixtures {

  static final Instant START = Results.T0;
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

  static StepBuilder step(String name, String url, long millis) {
    return Results.step(name, "svc").request("POST", url).took(Duration.ofMillis(millis));
  }

  static ResultBuilder result(String env, long millis) {
    return Results.result("checkout", env).at(START).took(Duration.ofMillis(millis));
  }

  static ProbeResult success(String env) {
    return result(env, 350).steps(
            step("create_cart", CART_URL, 120).timings(timings(2, 3, 10, 1, 90, 14)).build(),
            step("authorize_payment", PAY_URL, 230).http(200)
                .timings(timings(0, 0, 0, 1, 200, 29)).build())
        .build();
  }

  static ProbeResult failureAtPayment(String env) {
    return result(env, 900).attempts(2).steps(
            step("create_cart", CART_URL, 120).timings(timings(2, 3, 10, 1, 90, 14)).build(),
            Results.step("authorize_payment", "svc").request("POST", PAY_URL).http(402)
                .took(Duration.ofMillis(700)).failed(FailureReason.STATUS, "failed")
                .excerpt("{\"error\":\"card_declined\"}").build())
        .failure(new Failure("authorize_payment", "payment-gateway", FailureReason.STATUS,
            "expected 200, got 402", Optional.of("200"), Optional.of("402"), Optional.empty()))
        .cleanup(step("cleanup-1", CART_URL + "/c-123", 30).http(500)
            .failed(FailureReason.STATUS, "failed").excerpt("{\"error\":\"card_declined\"}")
            .build())
        .build();
  }

  static ProbeResult connectFailureAtCart(String env) {
    return result(env, 5).steps(
            step("create_cart", CART_URL, 5).noResponse()
                .failed(FailureReason.CONNECT, "failed")
                .excerpt("{\"error\":\"card_declined\"}").build(),
            StepResult.skipped("authorize_payment", "payment-gateway", "POST"))
        .failure(new Failure("create_cart", "cart-service", FailureReason.CONNECT,
            "connection refused", Optional.empty(), Optional.empty(), Optional.empty()))
        .build();
  }

  static ProbeResult degraded(String env) {
    return result(env, 700).verdict(Verdict.DEGRADED).steps(
            step("create_cart", CART_URL, 500).status(StepStatus.DEGRADED).build(),
            step("authorize_payment", PAY_URL, 200).http(200).build())
        .build();
  }

  static ProbeResult successAfterRetry(String env) {
    return result(env, 1200).attempts(2).steps(
            step("create_cart", CART_URL, 100).build(),
            step("authorize_payment", PAY_URL, 300).http(200).build())
        .build();
  }
}
