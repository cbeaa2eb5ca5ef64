package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page as a real browser renders it: Debian's Chromium, headless, against the real
 * agent on the demo. The checkout card turns to failing with the payment step named when the
 * gateway-config fault is on, and back when it is off. Screenshots land in target/.
 */
class StatusPageBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private JarProcess demo;
  private JarProcess agent;
  private String demoUrl;
  private String agentUrl;

  @BeforeEach
  void start() throws Exception {
    assertThat(CHROMIUM).as("Debian package chromium (.ci/run installs it)").isExecutable();
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
    Files.writeString(dir.resolve("probes.yaml"), """
        agent: {listen: "127.0.0.1:0", labels: {location: browser-test}}
        environments:
          production:
            vars: {base_url: %1$s/production, gateway_url: %1$s/gateway}
            secrets: {gateway_key: sk_live_demo_production}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            timeout: 30s
            steps:
              - name: create_cart
                component: cart-service
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
                extract: {cart_id: $.id}
              - name: authorize_payment
                component: payment-gateway
                request: {method: POST, url: "{{base_url}}/api/carts/{{cart_id}}/payment", json: {card: "4242424242424242"}}
                expect: {status: 200}
          - name: gateway-config
            type: gateway-config
            interval: 1s
            timeout: 30s
            request:
              url: "{{gateway_url}}/v1/account/config"
              headers: {Authorization: "Bearer {{secret.gateway_key}}"}
            expect: {json: {$.request_signing: hmac-sha256}}
            watch: [$.request_signing]
        """.formatted(demoUrl));
    agent = JarProcess.start(Map.of(), "agent", "-c", dir.resolve("probes.yaml").toString());
    agentUrl = agent.awaitUrl(JarProcess.AGENT_URL);
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void checkoutCardTurnsFailingWithThePaymentStepNamedAndBack() throws Exception {
    awaitState("passing");
    String healthy = browserDom();
    assertThat(card(healthy, "checkout")).contains("data-state=\"passing\"").contains("passing");
    screenshot("status-page-passing.png");

    send("POST", demoUrl + "/demo/faults/gateway-config");
    awaitState("failing");
    String broken = browserDom();
    String checkout = card(broken, "checkout");
    assertThat(checkout)
        .contains("data-state=\"failing\"")
        .contains("✕")
        .contains("authorize_payment")
        .contains("payment-gateway")
        .contains("status");
    assertThat(card(broken, "gateway-config")).contains("data-state=\"failing\"").contains("request_signing");
    assertThat(broken.indexOf("data-probe=\"checkout\"")).as("failing cards come first")
        .isLessThan(broken.indexOf("data-state=\"passing\"") < 0 ? Integer.MAX_VALUE : broken.indexOf("data-state=\"passing\""));
    assertThat(broken).doesNotContain("sk_live_demo_production").doesNotContain("4242424242424242");
    screenshot("status-page-failing.png");

    send("DELETE", demoUrl + "/demo/faults/gateway-config");
    awaitState("passing");
    assertThat(card(browserDom(), "checkout")).contains("data-state=\"passing\"");
  }

  /** Both cards in {@code state}: the page is compared only once the agent has seen both. */
  private void awaitState(String state) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
      String status = HTTP.send(HttpRequest.newBuilder(URI.create(agentUrl + "/api/status")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return hasState(status, "checkout", state) && hasState(status, "gateway-config", state);
    });
  }

  private static boolean hasState(String status, String probe, String state) {
    return status.matches("(?s).*\"probe\" : \"" + probe + "\",\\s*\"env\" : \"production\",\\s*\"type\" : \""
        + probe + "\",\\s*\"state\" : \"" + state + "\".*");
  }

  /** The checkout card's markup as Chromium's DOM has it. */
  private static String card(String dom, String probe) {
    Matcher m = Pattern.compile("(?s)<article[^>]*data-probe=\"" + Pattern.quote(probe) + "\"[^>]*>.*?</article>").matcher(dom);
    assertThat(m.find()).as("a card for %s in:\n%s", probe, dom).isTrue();
    return m.group();
  }

  private String browserDom() throws Exception {
    return chromium("--dump-dom", agentUrl + "/");
  }

  private void screenshot(String name) throws Exception {
    Path target = JarProcess.projectDir().resolve("target").resolve(name);
    chromium("--screenshot=" + target, "--window-size=1280,900", agentUrl + "/");
    assertThat(target).isNotEmptyFile();
  }

  private String chromium(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return out;
  }


  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
