package io.cartprobe.watch;

import io.cartprobe.result.ConfigChange;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.demo.DemoProbesYaml;
import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.probe.ProbeRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The May 9 story on the demo with the top-level probes.yaml, the way the agent will wire it:
 * a healthy baseline, the provider's change, the change event with its diff, and the failed
 * checkout attributed to it.
 */
class DemoConfigChangeTest {

  private DemoShop demo;
  private CartprobeConfig config;
  private final Clock clock = Clock.systemUTC();
  private final ProbeRunner runner = new ProbeRunner(new OkHttpClient(), clock, "test");

  @BeforeEach
  void start() throws Exception {
    demo = new DemoShop(0).start();
    // latency budgets relaxed: a loaded machine must not turn the healthy baseline into a failure
    config = new ConfigLoader(Map.of("CARTPROBE_DEMO_URL", demo.baseUrl()))
        .parse("probes.yaml", DemoProbesYaml.relaxed().text(), Path.of("."));
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  private ProbeConfig probe(String name) {
    return config.probes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private ProbeResult run(String probe) {
    return runner.run(probe(probe), config.environments().get("production"));
  }

  @Test
  void theGatewayConfigFaultIsAChangeThatExplainsTheCheckoutFailure() {
    GatewayConfigProbe gatewayConfig = (GatewayConfigProbe) probe("gateway-config");
    ConfigWatch watch = new ConfigWatch();
    Attribution attribution = new Attribution(() -> config);

    ProbeResult healthy = run("gateway-config");
    assertThat(healthy.failed()).isFalse();
    assertThat(watch.observe(gatewayConfig, healthy)).isEmpty();
    attribution.accept(healthy);
    assertThat(healthy.watched()).containsEntry("$.request_signing", "\"hmac-sha256\"")
        .containsEntry("$.merchant.currencies", "[\"USD\",\"EUR\"]");

    demo.enable(Fault.GATEWAY_CONFIG);
    ProbeResult changed = run("gateway-config");
    ConfigChange change = watch.observe(gatewayConfig, changed).orElseThrow();
    attribution.accept(changed);
    attribution.accept(change);
    ProbeResult checkout = run("checkout");

    assertThat(change.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
    assertThat(checkout.failure().orElseThrow().step()).isEqualTo("authorize_payment");
    ProbableCause cause = attribution.diagnose(checkout).probableCause().orElseThrow();
    assertThat(cause.changes()).isEqualTo(change.changes());
    assertThat(cause.failure()).hasValueSatisfying(f -> assertThat(f).contains("$.request_signing"));
    assertThat(cause.summary()).startsWith("gateway-config changed $.api_version \"2024-04-10\" -> "
        + "\"2024-05-09\", $.request_signing \"hmac-sha256\" -> \"rsa-pss-sha512\" and failed: ");
  }

  @Test
  void cartDownAfterTheGatewayWasFixedNamesTheCartServiceAndNoGatewayCause() {
    GatewayConfigProbe gatewayConfig = (GatewayConfigProbe) probe("gateway-config");
    ConfigWatch watch = new ConfigWatch();
    Attribution attribution = new Attribution(() -> config);
    Consumer<ProbeResult> agent = r -> {
      watch.observe(gatewayConfig, r).ifPresent(attribution::accept);
      attribution.accept(r);
    };
    agent.accept(run("gateway-config"));
    attribution.accept(run("checkout"));
    demo.enable(Fault.GATEWAY_CONFIG);
    agent.accept(run("gateway-config"));
    attribution.accept(attribution.diagnose(run("checkout")));
    demo.disable(Fault.GATEWAY_CONFIG);
    agent.accept(run("gateway-config"));
    attribution.accept(run("checkout"));

    demo.enable(Fault.CART_DOWN);
    ProbeResult checkout = attribution.diagnose(run("checkout"));

    assertThat(checkout.failure().orElseThrow().step()).isEqualTo("create_cart");
    assertThat(checkout.failure().orElseThrow().classification()).contains("cart_service_down");
    assertThat(checkout.probableCause()).isEmpty();
    assertThat(checkout.notes()).contains(
        "no gateway evidence: create_cart (cart-service) depends on no gateway-config probe");
  }
}
