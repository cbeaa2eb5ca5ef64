package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.demo.DemoProbesYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar as processes: `demo` serving the shop, `run` against it with the top-level
 * probes.yaml (its latency budgets relaxed, {@link DemoProbesYaml}, one payment method instead of
 * its matrix: VariantsEndToEndIT has those), healthy and with each fault switched on over HTTP.
 */
class DemoEndToEndIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static JarProcess demo;
  private static String demoUrl;
  private static Path probesYaml;

  @BeforeAll
  static void startDemo() throws IOException {
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
    probesYaml = DemoProbesYaml.relaxed().withoutMatrix().writeTo(Files.createDirectories(dir.resolve("relaxed")));
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @AfterEach
  void clearFaults() throws Exception {
    for (String fault : new String[] {"gateway-config", "slow-payments", "cart-down", "flaky", "broken-bundle"}) {
      send("DELETE", "/demo/faults/" + fault);
    }
  }

  private Map<String, String> env() {
    return env(probesYaml);
  }

  private Map<String, String> env(Path config) {
    return Map.of("CARTPROBE_DEMO_URL", demoUrl, "CARTPROBE_CONFIG", config.toString());
  }

  private static int send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(demoUrl + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void healthyDemoPassesEveryProbe() throws Exception {
    JarProcess.Outcome run = JarProcess.run(env(), "run");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout())
        .contains("PASS  checkout @ staging", "PASS  checkout @ production",
            "PASS  gateway-config @ production")
        .contains("create_cart", "authorize_payment")
        .doesNotContain("FAIL")
        .doesNotContain("\u001b[");
  }

  @Test
  void theDemosReceiverShowsTheAlertsTheAgentSent() throws Exception {
    Path fast = DemoProbesYaml.relaxed().withoutMatrix()
        .probe("gateway-config", p -> p.put("interval", "1s"))
        .writeTo(Files.createDirectories(dir.resolve("fast")));
    try (JarProcess full = JarProcess.start(Map.of("CARTPROBE_CONFIG", fast.toString()), "demo",
        "--port", "0", "--agent-port", "0", "--fault", "gateway-config")) {
      String shop = full.awaitUrl(JarProcess.DEMO_URL);

      // gateway-config-failing fires on the first failed run: within about a second
      Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
          full.stdout().contains("oncall: FIRING [critical] gateway-config-failing: gateway-config@"));
      HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(shop + "/demo/notifications"))
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());

      assertThat(full.stdout()).contains("notifications  " + shop + "/demo/notifications");
      assertThat(page.body())
          .contains("\"format\":\"alertmanager\"", "\"signed\":true", "\"webhook\":\"oncall\"")
          .contains("rsa-pss-sha512").doesNotContain("sk_live_demo_production");
      assertThat(full.stderr()).doesNotContain("ConnectException");
    }
  }

  @Test
  void gatewayConfigFaultNamesPaymentStepComponentAndGatewayAnswer() throws Exception {
    assertThat(send("POST", "/demo/faults/gateway-config")).isEqualTo(200);

    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "checkout", "-e", "production");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("FAIL  checkout @ production")
        .containsPattern("authorize_payment\\s+payment-gateway\\s+FAIL\\s+500")
        .contains("-> authorize_payment (payment-gateway) failed, reason status, classified gateway_rejected")
        .contains("     expected status 200, got 500")
        .doesNotContain("status: status:")
        .contains("invalid_request_error")
        .containsPattern("get_order\\s+\\S+\\s+skip")
        .contains("probable cause (possible): gateway-config failed: json $.request_signing equals")
        .doesNotContain("4242424242424242");
  }

  @Test
  void gatewayConfigFaultFailsTheConfigProbeWhileHealthStaysGreen() throws Exception {
    send("POST", "/demo/faults/gateway-config");

    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "gateway-config", "-p",
        "gateway-health", "-e", "production");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("FAIL  gateway-config @ production")
        .contains("PASS  gateway-health @ production")
        .contains("request_signing");
  }

  @Test
  void slowPaymentsFailOnTheLatencyBudget() throws Exception {
    // The fault sleeps 1.5 s, so a 1 s budget trips on any machine; the other steps keep theirs
    // relaxed, so nothing before the payment can fail first.
    Path oneSecond = DemoProbesYaml.relaxed().withoutMatrix()
        .expect("checkout", "authorize_payment", expect -> {
          expect.put("max_latency", "1s");
          expect.remove("degraded_latency");
        })
        .writeTo(Files.createDirectories(dir.resolve("one-second")));
    send("POST", "/demo/faults/slow-payments");

    JarProcess.Outcome run = JarProcess.run(env(oneSecond), "run", "-p", "checkout", "-e", "staging");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .containsPattern("authorize_payment\\s+payment-gateway\\s+FAIL\\s+200")
        .contains("failed, reason latency")
        .containsPattern("max_latency: expected <= 1s, got \\d{4,}ms");
  }

  @Test
  void cartDownFailsTheFirstStepWithStatus() throws Exception {
    send("POST", "/demo/faults/cart-down");

    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "checkout", "-e", "staging", "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("\"step\" : \"create_cart\"")
        .contains("\"reason\" : \"status\"")
        .contains("\"http_status\" : 503");
  }

  @Test
  void flakyShopFailureOnAPostIsNotRetried() throws Exception {
    send("POST", "/demo/faults/flaky");

    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "checkout", "-e", "staging", "-o", "json");

    // The demo answers every third shop request with 502: here the payment POST, which reached
    // the server and has no Idempotency-Key, so the retry rule refuses to send it again.
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("\"step\" : \"authorize_payment\"")
        .contains("\"http_status\" : 502")
        .contains("\"attempts\" : 1")
        .contains("not retried: step 'authorize_payment' (POST)");
  }

  @Test
  void junitOutputForCi() throws Exception {
    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "checkout", "-o", "junit");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout())
        .startsWith("<?xml")
        .contains("<testsuite name=\"checkout @ staging\"")
        .contains("<testcase classname=\"checkout.production\" name=\"authorize_payment\"");
  }

  @Test
  void validateReportsEveryErrorWithLocationAndExits2(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, """
        environments:
          staging:
            vars: {base_url: "http://127.0.0.1:1"}
        probes:
          - name: checkout
            type: checkout
            intreval: 30s
            steps:
              - name: create_cart
                request: {url: "{{base_ulr}}/api/carts"}
        """);

    JarProcess.Outcome validate = JarProcess.run(Map.of(), "validate", "-c", broken.toString());
    JarProcess.Outcome run = JarProcess.run(Map.of(), "run", "-c", broken.toString());

    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.stderr())
        .contains(broken + ":7:5: ")
        .contains("did you mean 'interval'?")
        .contains(broken + ":10:24: ")
        .contains("base_ulr")
        .contains("2 errors")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).isEqualTo(validate.stderr());
  }

  @Test
  void versionAndHelp() throws Exception {
    JarProcess.Outcome version = JarProcess.run(Map.of(), "--version");
    JarProcess.Outcome help = JarProcess.run(Map.of(), "run", "--help");

    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout()).startsWith("cartprobe 0.1.0");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("--probe", "--env", "--output", "Exit codes:");
  }
}
