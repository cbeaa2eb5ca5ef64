package io.cartprobe.watch;

import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.Step;
import io.cartprobe.config.Expect;
import io.cartprobe.config.Body;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Probe results and configs made directly: the watch consumes results, it never runs probes. */
final class Results {

  private Results() {}

  static GatewayConfigProbe gatewayConfig(String name, String... watch) {
    Step check = new Step(name, "payment-gateway",
        new RequestSpec("GET", "http://gateway.test/v1/account", Map.of(), new Body.None()),
        Expect.defaults(), Map.of(), List.of());
    return new GatewayConfigProbe(name, List.of("production", "staging"), Duration.ofMinutes(1),
        Duration.ofSeconds(30), Duration.ofMinutes(1), 0, Map.of(), check, List.of(watch));
  }

  static ProbeResult gatewayRun(String probe, String env, Instant at, Map<String, String> watched) {
    return result(probe, env, "gateway-config", at, Optional.empty()).withWatched(watched);
  }

  static ProbeResult gatewayFailure(String probe, String env, Instant at, String message) {
    return result(probe, env, "gateway-config", at, Optional.of(new Failure(probe,
        "payment-gateway", FailureReason.ASSERTION, message, Optional.empty(), Optional.empty(),
        Optional.empty())));
  }

  static ProbeResult checkoutFailure(String env, Instant at) {
    return result("checkout", env, "checkout", at, Optional.of(new Failure("authorize_payment",
        "payment-gateway", FailureReason.STATUS, "status: expected 200, got 500",
        Optional.of("200"), Optional.of("500"), Optional.of("gateway_rejected"))));
  }

  static ProbeResult checkoutSuccess(String env, Instant at) {
    return result("checkout", env, "checkout", at, Optional.empty());
  }

  private static ProbeResult result(String probe, String env, String type, Instant at,
      Optional<Failure> failure) {
    return new ProbeResult(probe, env, type, at, Duration.ofMillis(120),
        failure.isPresent() ? Verdict.FAILURE : Verdict.SUCCESS, 1,
        "0af7651916cd43dd8448eb211c80319c", List.of(), failure, List.of(), List.of(), Map.of(),
        Optional.empty());
  }
}
