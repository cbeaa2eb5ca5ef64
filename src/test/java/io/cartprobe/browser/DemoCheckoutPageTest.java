package io.cartprobe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.demo.DemoProbesYaml;
import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.BrowserEvidence;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** probes.yaml's checkout-page probe, as written, in real Chromium against the demo shop. */
class DemoCheckoutPageTest {

  private static DemoShop demo;
  private static ProbeRunner runner;
  private static CartprobeConfig config;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Browsers.missing(System.getenv()).isEmpty(), "Chromium is not installed");
    demo = new DemoShop(0).start();
    config = new ConfigLoader(Map.of("CARTPROBE_DEMO_URL", demo.baseUrl()))
        .parse("probes.yaml", DemoProbesYaml.relaxed().text(), Path.of("."));
    runner = new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test",
        new Browsers(2, System.getenv()));
  }

  @AfterAll
  static void stop() {
    if (runner == null) {
      return;
    }
    runner.close();
    demo.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(Processes.chromiumLeftBehind()).as("Chromium processes left behind").isEmpty());
  }

  @AfterEach
  void clearFaults() {
    for (Fault f : Fault.values()) {
      demo.disable(f);
    }
  }

  private static ProbeResult run() {
    var probe = config.probes().stream().filter(p -> p.name().equals("checkout-page")).findFirst()
        .orElseThrow();
    return runner.run(probe, config.environments().get("staging"));
  }

  @Test
  void theHealthyPagePaysAndTheOrderItShowsIsInTheApi() {
    ProbeResult r = run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.steps().getFirst().extracted().get("order_id")).startsWith("ord_");
    assertThat(r.steps().get(1).url()).endsWith("/staging/api/orders/" + r.steps().getFirst()
        .extracted().get("order_id"));
  }

  @Test
  void aBrokenBundleLeavesNoFormAndTheScriptErrorIsInTheResult() {
    demo.enable(Fault.BROKEN_BUNDLE);
    ProbeResult r = run();
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.BROWSER);
    assertThat(r.failure().orElseThrow().message()).contains("#pay");
    BrowserEvidence page = r.steps().getFirst().browser().orElseThrow();
    assertThat(page.consoleErrors()).anySatisfy(e -> assertThat(e).contains("reading 'mount'"));
    assertThat(page.screenshots()).singleElement()
        .satisfies(s -> assertThat(s.png()).startsWith(0x89, 'P', 'N', 'G'));
  }

  @Test
  void aRefusedPaymentShowsOnThePageAndFailsItsAssertion() {
    demo.enable(Fault.GATEWAY_CONFIG);
    ProbeResult r = run();
    var failure = r.failure().orElseThrow();
    assertThat(failure.reason()).isEqualTo(FailureReason.ASSERTION);
    assertThat(failure.step()).isEqualTo("pay_on_page");
    assertThat(failure.actual().orElseThrow()).contains("Payment failed", "orders-db");
    BrowserEvidence page = r.steps().getFirst().browser().orElseThrow();
    assertThat(page.failedRequests()).anySatisfy(e -> assertThat(e).contains("/payment", "500"));
    assertThat(page.consoleErrors()).anySatisfy(e -> assertThat(e).contains("payment failed"));
  }

  @Test
  void theCartServiceDownShowsItsOwnError() {
    demo.enable(Fault.CART_DOWN);
    ProbeResult r = run();
    assertThat(r.failure().orElseThrow().actual().orElseThrow())
        .contains("cart-service: no healthy upstream");
  }
}
