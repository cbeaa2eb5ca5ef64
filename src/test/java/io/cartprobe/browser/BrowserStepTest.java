package io.cartprobe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.json.Json;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browser steps in real headless Chromium against pages served by a JDK HttpServer. */
class BrowserStepTest {

  private static final String CHECKOUT = """
      <html><body><div id="app"></div><script>
      const f = document.createElement('form'); f.id = 'pay-form';
      f.innerHTML = '<input id="card-number"><select id="country"><option value="de">Germany</option>'
        + '<option value="fr">France</option></select><button id="pay" type="submit">Pay</button>'
        + '<button id="off" disabled>Off</button><span id="hidden" style="display:none">x</span>';
      document.getElementById('app').appendChild(f);
      f.addEventListener('submit', async e => { e.preventDefault();
        const r = await fetch('/api/pay', {method: 'POST', body: JSON.stringify({card:
          document.getElementById('card-number').value, country: document.getElementById('country').value})});
        const o = await r.json();
        document.getElementById('app').insertAdjacentHTML('beforeend',
          '<p id="result">Order confirmed</p><span id="order-id">' + o.id + '</span>');
        history.pushState({}, '', '/checkout/done'); });
      </script></body></html>""";
  private static final String THROWS = """
      <html><body><p id="title">Broken</p><script>
      console.error('bundle failed'); fetch('/missing.js');
      throw new Error('checkout bundle exploded');
      </script></body></html>""";
  private static final String FRAMED = """
      <html><body><iframe id="card-frame" src="/card"></iframe></body></html>""";
  private static final String CARD = """
      <html><body><input id="number"><button id="ok" onclick="
        document.getElementById('echo').textContent = 'card ok ' + document.getElementById('number').value.length
      ">OK</button><p id="echo"></p></body></html>""";

  private static HttpServer server;
  private static ProbeRunner runner;
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Browsers.missing(System.getenv()).isEmpty(), "Chromium is not installed");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    serve("/checkout", "text/html", CHECKOUT);
    serve("/throws", "text/html", THROWS);
    serve("/framed", "text/html", FRAMED);
    serve("/card", "text/html", CARD);
    serve("/api/pay", "application/json", "{\"id\": \"ord-42\"}");
    server.createContext("/api/orders/", ex -> {
      String id = ex.getRequestURI().getPath().substring("/api/orders/".length());
      byte[] body = ("{\"id\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(id.equals("ord-42") ? 200 : 404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/hang", ex -> {
      try {
        NEVER.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    runner = new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test",
        new Browsers(2, System.getenv()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (runner == null) {
      return;
    }
    runner.close();
    NEVER.countDown();
    server.stop(0);
    // Killed processes take a moment to leave /proc; none may stay.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Processes.chromiumLeftBehind())
            .as("Chromium processes left behind").isEmpty());
  }

  private static void serve(String path, String type, String body) {
    server.createContext(path, ex -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(path.equals("/missing") ? 404 : 200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
  }

  private static ProbeResult run(String timeout, String steps) throws Exception {
    String yaml = """
        environments:
          test:
            vars: {base_url: "http://127.0.0.1:%d"}
            secrets: {card: "4242424242424242"}
        probes:
          - name: page
            type: checkout
            timeout: %s
            environments: [test]
            steps:
        %s""".formatted(server.getAddress().getPort(), timeout, steps.indent(6));
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", yaml, Path.of("."));
    return runner.run(config.probes().getFirst(), config.environments().get("test"));
  }

  @Test
  void everyActionPassesThroughACheckoutAndTheOrderIdReachesTheApiStep() throws Exception {
    ProbeResult r = run("30s", """
        - name: pay_on_page
          component: storefront
          browser:
            - goto: "{{base_url}}/checkout"
            - wait_for: "#card-number"
            - fill: {selector: "#card-number", value: "{{secret.card}}"}
            - select: {selector: "#country", value: "France"}
            - evaluate: "document.querySelector('#country').value === 'fr'"
            - screenshot: filled
            - press: {selector: "#card-number", key: Enter}
            - wait_for_url: /checkout/done
            - expect_url: done
            - expect_text: {selector: "#result", contains: "Order confirmed"}
          extract:
            order_id: "css:#order-id"
        - name: order_api
          request: {url: "{{base_url}}/api/orders/{{order_id}}"}
        """);
    assertThat(r.failure()).isEmpty();
    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    StepResult page = r.steps().getFirst();
    assertThat(page.method()).isEqualTo("BROWSER");
    assertThat(page.component()).isEqualTo("storefront");
    assertThat(page.httpStatus()).contains(200);
    assertThat(page.browser().orElseThrow().load()).isPresent();
    assertThat(page.browser().orElseThrow().screenshots()).singleElement()
        .satisfies(s -> assertThat(s.file()).isEqualTo("pay_on_page-filled.png"));
    assertThat(r.steps().get(1).url()).endsWith("/api/orders/ord-42");
    assertThat(Json.write(r)).doesNotContain("4242424242424242");
  }

  @Test
  void eachActionFailsWithItsReason() throws Exception {
    Map<String, FailureReason> cases = new java.util.LinkedHashMap<>();
    cases.put("- wait_for: {selector: \"#nope\", timeout: 300ms}", FailureReason.BROWSER);
    cases.put("- click: {selector: \"#off\", timeout: 300ms}", FailureReason.BROWSER);
    cases.put("- fill: {selector: \"#hidden\", value: x, timeout: 300ms}", FailureReason.BROWSER);
    cases.put("- select: {selector: \"#country\", value: Spain, timeout: 300ms}", FailureReason.BROWSER);
    cases.put("- press: {key: NoSuchKey}", FailureReason.BROWSER);
    cases.put("- wait_for_url: {contains: /never, timeout: 300ms}", FailureReason.BROWSER);
    cases.put("- expect_url: /never", FailureReason.ASSERTION);
    cases.put("- evaluate: \"1 === 2\"", FailureReason.ASSERTION);
    cases.put("- evaluate: \"nope()\"", FailureReason.BROWSER);
    cases.put("- expect_text: {selector: \"#pay\", contains: Refund, timeout: 300ms}", FailureReason.ASSERTION);
    for (var c : cases.entrySet()) {
      ProbeResult r = run("30s", """
          - name: act
            browser:
              - goto: "{{base_url}}/checkout"
              %s
          """.formatted(c.getKey()));
      assertThat(r.failure()).as(c.getKey()).hasValueSatisfying(f ->
          assertThat(f.reason()).isEqualTo(c.getValue()));
      assertThat(r.steps().getFirst().browser().orElseThrow().screenshots()).as(c.getKey())
          .singleElement().satisfies(s -> assertThat(s.png()).startsWith(0x89, 'P', 'N', 'G'));
    }
    ProbeResult refused = run("30s", """
        - name: act
          browser:
            - goto: "http://127.0.0.1:1/"
        """);
    assertThat(refused.failure().orElseThrow().message()).contains("net::ERR_");
  }

  @Test
  void aPageWhoseScriptThrowsShowsItsErrorsAndFailedRequests() throws Exception {
    ProbeResult r = run("30s", """
        - name: broken
          browser:
            - goto: "{{base_url}}/throws"
            - wait_for: {selector: "#pay", timeout: 500ms}
        """);
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.BROWSER);
    var evidence = r.steps().getFirst().browser().orElseThrow();
    assertThat(evidence.consoleErrors()).anySatisfy(e -> assertThat(e).contains("checkout bundle exploded"))
        .anySatisfy(e -> assertThat(e).contains("bundle failed"));
    assertThat(evidence.failedRequests()).anySatisfy(e -> assertThat(e).contains("/missing.js"));
  }

  @Test
  void actsInsideAnIframe() throws Exception {
    ProbeResult r = run("30s", """
        - name: framed
          browser:
            - goto: "{{base_url}}/framed"
            - fill: {selector: "#number", value: "{{secret.card}}"}
              frame: "#card-frame"
            - click: "#ok"
              frame: "#card-frame"
            - expect_text: {selector: "#echo", contains: "card ok 16", frame: "#card-frame"}
        """);
    assertThat(r.failure()).isEmpty();
    ProbeResult missing = run("30s", """
        - name: framed
          browser:
            - goto: "{{base_url}}/framed"
            - click: "#ok"
              frame: "#no-frame"
              timeout: 300ms
        """);
    assertThat(missing.failure().orElseThrow().message()).contains("no frame matches #no-frame");
  }

  @Test
  void aHangingPageIsCutOffByTheFlowTimeout() throws Exception {
    long start = System.nanoTime();
    ProbeResult r = run("3s", """
        - name: hung
          browser:
            - goto: "{{base_url}}/hang"
        - name: after
          request: {url: "{{base_url}}/api/orders/ord-42"}
        """);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.BROWSER);
    assertThat(r.steps().get(1).status()).isEqualTo(io.cartprobe.result.StepStatus.SKIPPED);
    // The browser is still usable by the next run.
    assertThat(run("30s", """
        - name: ok
          browser:
            - goto: "{{base_url}}/checkout"
        """).failure()).isEmpty();
  }
}
