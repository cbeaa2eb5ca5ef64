package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar as processes: `demo` serving the shop, `run` against it with the top-level
 * probes.yaml, healthy and with each fault switched on over HTTP.
 */
class DemoEndToEndIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JarProcess demo;
  private static String demoUrl;

  @BeforeAll
  static void startDemo() {
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @AfterEach
  void clearFaults() throws Exception {
    for (String fault : new String[] {"gateway-config", "slow-payments", "cart-down", "flaky"}) {
      send("DELETE", "/demo/faults/" + fault);
    }
  }

  private Map<String, String> env() {
    return Map.of("CARTPROBE_DEMO_URL", demoUrl);
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
    send("POST", "/demo/faults/slow-payments");

    JarProcess.Outcome run = JarProcess.run(env(), "run", "-p", "checkout", "-e", "staging");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout())
        .containsPattern("authorize_payment\\s+payment-gateway\\s+FAIL\\s+200")
        .contains("failed, reason latency");
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
