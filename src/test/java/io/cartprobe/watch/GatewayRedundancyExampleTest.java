package io.cartprobe.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.Environment;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/examples/gateway-redundancy.yaml loads, and its probe-level vars override the
 * environment's at run time: the secondary's probes reach the secondary, the primary's the
 * primary.
 */
class GatewayRedundancyExampleTest {

  private static final Path EXAMPLE = Path.of("docs/examples/gateway-redundancy.yaml");

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer secondary = new MockWebServer();
  private final MockWebServer shop = new MockWebServer();
  private CartprobeConfig config;

  @BeforeEach
  void start() throws Exception {
    for (MockWebServer server : new MockWebServer[] {primary, secondary}) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return json(200, "{\"charges_enabled\": true, \"details_submitted\": true}");
        }
      });
      server.start();
    }
    shop.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String route = request.getHeaders().get("X-Payment-Route");
        return request.getUrl().encodedPath().endsWith("/payment")
            ? json("secondary".equals(route) ? 402 : 200,
                "{\"status\": \"" + ("secondary".equals(route) ? "declined" : "authorized") + "\"}")
            : json(201, "{\"id\": \"cart_1\"}");
      }
    });
    shop.start();
    config = new ConfigLoader(Map.of(
        "PRIMARY_GATEWAY_URL", url(primary), "SECONDARY_GATEWAY_URL", url(secondary),
        "SHOP_URL", url(shop))).load(EXAMPLE);
  }

  @AfterEach
  void stop() {
    primary.close();
    secondary.close();
    shop.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  private static String url(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  private ProbeResult run(String name) {
    ProbeConfig probe = config.probes().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow();
    Environment production = config.environments().get("production");
    return new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test").run(probe, production);
  }

  @Test
  void theExampleValidates() {
    assertThat(config.probes()).extracting(ProbeConfig::name).containsExactly(
        "gateway-primary", "gateway-secondary", "checkout-primary", "checkout-secondary");
  }

  @Test
  void theGatewayChecksOfDocsGatewaysMdValidate() throws Exception {
    CartprobeConfig checks = new ConfigLoader(Map.of())
        .load(Path.of("docs/examples/gateway-checks.yaml"));

    assertThat(checks.probes()).extracting(ProbeConfig::type).containsOnly(io.cartprobe.config.ProbeType.GATEWAY_CONFIG);
    assertThat(checks.probes()).hasSize(8);
  }

  @Test
  void probeVarsOverrideTheEnvironmentsGatewayUrl() throws Exception {
    // The https defaults are replaced by the servers' http URLs, so cert_valid_for cannot hold:
    // the requests are what this test is about.
    run("gateway-primary");
    run("gateway-secondary");

    RecordedRequest toPrimary = primary.takeRequest(30, TimeUnit.SECONDS);
    RecordedRequest toSecondary = secondary.takeRequest(30, TimeUnit.SECONDS);
    assertThat(toPrimary.getHeaders().get("Authorization"))
        .isEqualTo("Bearer sk_live_placeholder");
    assertThat(toSecondary.getHeaders().get("Authorization"))
        .isEqualTo("Bearer sk_live_placeholder_secondary");
    assertThat(toSecondary.getUrl().encodedPath()).isEqualTo("/v1/account");
    assertThat(primary.getRequestCount()).isEqualTo(1);
    assertThat(secondary.getRequestCount()).isEqualTo(1);
  }

  @Test
  void checkoutThroughEachGatewayShowsWhetherFailingOverWouldHelp() {
    ProbeResult viaPrimary = run("checkout-primary");
    ProbeResult viaSecondary = run("checkout-secondary");

    assertThat(viaPrimary.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(viaSecondary.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(viaSecondary.failure().orElseThrow().component())
        .isEqualTo("payment-gateway-secondary");
  }
}
