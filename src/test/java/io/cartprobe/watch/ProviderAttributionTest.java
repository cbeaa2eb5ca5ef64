package io.cartprobe.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed checkout quotes its provider's status page only while the provider reports trouble
 * for the same environment, and only for a step the provider answers: a wrong cause is worse
 * than none.
 */
class ProviderAttributionTest {

  static final String YAML = """
      environments:
        production: {vars: {base_url: "http://127.0.0.1:1"}}
        staging: {vars: {base_url: "http://127.0.0.1:1"}}
      probes:
        - name: checkout
          type: checkout
          interval: 10s
          steps:
            - {name: create_cart, component: cart-service, request: {url: "{{base_url}}/carts"}}
            - {name: authorize_payment, component: payment-gateway, request: {url: "{{base_url}}/pay"}}
        - name: psp-status
          type: provider-status
          interval: 1m
          request: {url: "{{base_url}}/api/v2/summary.json"}
          components: ["Card payments"]
      """;

  static final Instant T = Instant.parse("2026-05-09T10:05:00Z");

  @TempDir Path dir;

  private Attribution attribution() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", YAML, dir);
    return new Attribution(() -> config);
  }

  private static ProbeResult provider(String env, Instant at, Optional<String> incident) {
    return Results.providerStatus("psp-status", env, at,
        Map.of("Card payments", incident.isPresent() ? "partial_outage" : "operational"), incident);
  }

  private static ProbeResult checkoutFailed(String step, String env, Instant at) {
    return Results.result("checkout", env).at(at).took(Duration.ofMillis(120))
        .failure(new Failure(step, "", FailureReason.STATUS, "expected status 200, got 500",
            Optional.of("200"), Optional.of("500"), Optional.empty())).build();
  }

  @Test
  void anOpenIncidentForTheSameEnvironmentIsQuotedAlongsideTheGatewayVerdict() throws Exception {
    Attribution a = attribution();
    a.accept(provider("production", T.minusSeconds(20), Optional.of("Elevated declines for Amex")));

    ProbeResult diagnosed = a.diagnose(checkoutFailed("authorize_payment", "production", T));

    assertThat(diagnosed.providerStatus()).singleElement().satisfies(p -> {
      assertThat(p.probe()).isEqualTo("psp-status");
      assertThat(p.findings()).contains("provider status: 'Elevated declines for Amex' "
          + "(investigating, minor) since 10:03Z https://stspg.io/demo1");
    });
    assertThat(diagnosed.notes()).anyMatch(n -> n.startsWith("no gateway evidence"));
  }

  @Test
  void noIncidentMeansNoProviderFinding() throws Exception {
    Attribution a = attribution();
    a.accept(provider("production", T.minusSeconds(20), Optional.empty()));

    assertThat(a.diagnose(checkoutFailed("authorize_payment", "production", T)).providerStatus())
        .isEmpty();
  }

  @Test
  void anotherEnvironmentsIncidentIsNotQuoted() throws Exception {
    Attribution a = attribution();
    a.accept(provider("staging", T.minusSeconds(20), Optional.of("Elevated declines for Amex")));

    assertThat(a.diagnose(checkoutFailed("authorize_payment", "production", T)).providerStatus())
        .isEmpty();
  }

  @Test
  void aStepTheProviderDoesNotAnswerGetsNoProviderFinding() throws Exception {
    Attribution a = attribution();
    a.accept(provider("production", T.minusSeconds(20), Optional.of("Elevated declines for Amex")));

    assertThat(a.diagnose(checkoutFailed("create_cart", "production", T)).providerStatus())
        .isEmpty();
  }

  @Test
  void aResolvedIncidentIsNoLongerQuoted() throws Exception {
    Attribution a = attribution();
    a.accept(provider("production", T.minusSeconds(80), Optional.of("Elevated declines for Amex")));
    a.accept(provider("production", T.minusSeconds(20), Optional.empty()));

    assertThat(a.diagnose(checkoutFailed("authorize_payment", "production", T)).providerStatus())
        .isEmpty();
  }

  @Test
  void aReadingOlderThanTheProvidersIntervalIsNotTrusted() throws Exception {
    Attribution a = attribution();
    // interval 1m + timeout 10s + 1m of slack: a reading from 3 minutes ago is stale.
    a.accept(provider("production", T.minusSeconds(180), Optional.of("Elevated declines for Amex")));

    assertThat(a.diagnose(checkoutFailed("authorize_payment", "production", T)).providerStatus())
        .isEmpty();
  }

  @Test
  void aPageThatCouldNotBeReadForgetsWhatItSaidBefore() throws Exception {
    Attribution a = attribution();
    a.accept(provider("production", T.minusSeconds(40), Optional.of("Elevated declines for Amex")));
    a.accept(Results.result("psp-status", "production").type("provider-status")
        .at(T.minusSeconds(10)).failure(new Failure("psp-status", "payment-gateway",
            FailureReason.CONNECT, "connection refused", Optional.empty(), Optional.empty(),
            Optional.empty())).build());

    assertThat(a.diagnose(checkoutFailed("authorize_payment", "production", T)).providerStatus())
        .isEmpty();
  }
}
