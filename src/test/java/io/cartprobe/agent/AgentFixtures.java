package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.Results;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A two-probe config (a checkout and its gateway-config evidence) and results for it. */
final class AgentFixtures {

  static final String YAML = """
      environments:
        production:
          vars: {base_url: "http://127.0.0.1:1"}
      probes:
        - name: checkout
          type: checkout
          interval: 10s
          steps:
            - name: authorize_payment
              component: payment-gateway
              request: {method: POST, url: "{{base_url}}/pay"}
        - name: gateway-config
          type: gateway-config
          interval: 1m
          request: {url: "{{base_url}}/v1/account"}
          watch: [$.request_signing]
      """;

  private AgentFixtures() {}

  static CartprobeConfig config() {
    return parse(YAML);
  }

  static CartprobeConfig parse(String yaml) {
    try {
      return new ConfigLoader(Map.of()).parse("probes.yaml", yaml, Path.of("."));
    } catch (ConfigException e) {
      throw new AssertionError(e.errors().toString(), e);
    }
  }

  static ProbeResult checkoutFailed(Instant at) {
    return Results.result("checkout", "production").at(at).took(Duration.ofMillis(120))
        .failure(new Failure("authorize_payment", "payment-gateway", FailureReason.STATUS,
            "expected status 200, got 500", Optional.of("200"), Optional.of("500"),
            Optional.empty()))
        .build();
  }

  static ProbeResult checkoutPassed(Instant at) {
    return Results.result("checkout", "production").at(at).took(Duration.ofMillis(120)).build();
  }

  static ProbeResult gatewayRead(Instant at, String signing) {
    return Results.result("gateway-config", "production").type("gateway-config").at(at)
        .took(Duration.ofMillis(120)).watched(Map.of("$.request_signing", "\"" + signing + "\""))
        .build();
  }
}
