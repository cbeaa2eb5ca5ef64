package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cartprobe agent` as a real process against the demo shop (another real process). */
class AgentEndToEndIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JarProcess demo;
  private static String demoUrl;

  @TempDir Path dir;
  private Path configFile;
  private JarProcess agent;
  private String agentUrl;

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

  @BeforeEach
  void startAgent() throws IOException {
    configFile = dir.resolve("probes.yaml");
    Files.writeString(configFile, config());
    agent = JarProcess.start(Map.of(), "agent", "-c", configFile.toString());
    agentUrl = agent.awaitUrl(JarProcess.AGENT_URL);
  }

  @AfterEach
  void stopAgent() throws Exception {
    if (agent != null) {
      agent.close();
    }
    send("DELETE", demoUrl + "/demo/faults");
  }

  private String config() {
    return """
        agent:
          listen: 127.0.0.1:0
          labels: {location: e2e}
        environments:
          production:
            vars:
              base_url: %1$s/production
              gateway_url: %1$s/gateway
            secrets:
              gateway_key: sk_live_demo_production
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            timeout: 30s
            steps:
              - name: create_cart
                component: cart-service
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
                expect: {status: 201}
                extract: {cart_id: $.id}
              - name: authorize_payment
                component: payment-gateway
                request: {method: POST, url: "{{base_url}}/api/carts/{{cart_id}}/payment", json: {card: "4242424242424242"}}
                expect: {status: 200, json: {$.status: authorized}}
          - name: gateway-config
            type: gateway-config
            interval: 1s
            request:
              url: "{{gateway_url}}/v1/account/config"
              headers: {Authorization: "Bearer {{secret.gateway_key}}"}
            expect:
              json: {$.request_signing: hmac-sha256}
            watch: [$.request_signing, $.api_version]
        """.formatted(demoUrl);
  }

  @Test
  void metricsPassPromtoolInBothFormats() throws Exception {
    awaitMetric("cartprobe_probe_success{env=\"production\",location=\"e2e\",probe=\"checkout\"}", 1.0);

    HttpResponse<String> text = get(agentUrl + "/metrics", "text/plain");
    HttpResponse<String> openMetrics = get(agentUrl + "/metrics",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    assertThat(promtoolCheck(text.body())).isEqualTo("");
    assertThat(text.body())
        .contains("cartprobe_probe_runs_total{env=\"production\",location=\"e2e\",probe=\"checkout\",result=\"success\"}")
        .contains("cartprobe_step_duration_seconds_bucket{env=\"production\",location=\"e2e\",probe=\"checkout\",step=\"authorize_payment\"")
        .contains("cartprobe_scheduler_lag_seconds_bucket")
        .contains("cartprobe_build_info{location=\"e2e\",version=\"0.1.0-SNAPSHOT\"} 1")
        .contains("jvm_memory_used_bytes");
    assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).endsWith("# EOF\n");
  }

  @Test
  void checkoutSuccessGoesOneZeroOneAsTheGatewayConfigFaultFlips() throws Exception {
    String success = "cartprobe_probe_success{env=\"production\",location=\"e2e\",probe=\"checkout\"}";
    awaitMetric(success, 1.0);

    assertThat(send("POST", demoUrl + "/demo/faults/gateway-config")).isEqualTo(200);
    awaitMetric(success, 0.0);
    assertThat(scrape()).contains(
        "cartprobe_probe_failures_total{env=\"production\",location=\"e2e\",probe=\"checkout\",reason=\"status\",step=\"authorize_payment\"}");
    assertThat(agent.stderr()).contains("checkout @ production failed at step authorize_payment (payment-gateway): status");

    assertThat(send("DELETE", demoUrl + "/demo/faults/gateway-config")).isEqualTo(200);
    awaitMetric(success, 1.0);
  }

  @Test
  void reloadWithABrokenFileLeavesProbingUntouched() throws Exception {
    String runs = "cartprobe_probe_runs_total{env=\"production\",location=\"e2e\",probe=\"checkout\",result=\"success\"}";
    awaitMetricAbove(runs, 0.0); // the first runs can come a moment apart: "at least one", not "exactly one"
    Files.writeString(configFile, config().replace("interval: 1s", "interval: soon"));

    HttpResponse<String> reload = post(agentUrl + "/-/reload");

    assertThat(reload.statusCode()).isEqualTo(400);
    assertThat(reload.body()).contains("config rejected; the running config stays")
        .contains(configFile + ":14:15: probes[0].interval: expected a duration")
        .contains(configFile + ":28:15: probes[1].interval: expected a duration");
    assertThat(metric(scrape(), "cartprobe_config_last_reload_successful{location=\"e2e\"}")).hasValue(0.0);
    double before = metric(scrape(), runs).orElseThrow();
    awaitMetricAbove(runs, before + 2);
    assertThat(agent.stderr()).contains("config reload rejected, the running config stays");

    // a good file again, this time through SIGHUP
    Files.writeString(configFile, config());
    new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).start().waitFor(5, TimeUnit.SECONDS);
    awaitMetric("cartprobe_config_last_reload_successful{location=\"e2e\"}", 1.0);
  }

  @Test
  void endpointsAnswer() throws Exception {
    awaitMetric("cartprobe_probe_success{env=\"production\",location=\"e2e\",probe=\"checkout\"}", 1.0);

    assertThat(get(agentUrl + "/healthz", "*/*").statusCode()).isEqualTo(200);
    assertThat(get(agentUrl + "/readyz", "*/*").statusCode()).isEqualTo(200);
    HttpResponse<String> status = get(agentUrl + "/api/status", "application/json");
    assertThat(status.body()).contains("\"probe\" : \"checkout\"", "\"state\" : \"passing\"",
        "\"last_result\" : {");
    HttpResponse<String> probe = get(agentUrl + "/probe?probe=checkout&env=production", "text/plain");
    assertThat(probe.body()).contains("probe_success 1\n", "probe_http_status_code 200\n",
        "probe_step_success{step=\"authorize_payment\"} 1\n", "probe_http_version 1.1\n",
        "probe_http_ssl 0\n", "probe_http_redirects 0\n", "probe_ip_protocol 4\n");
    assertThat(promtoolCheck(probe.body())).isEqualTo("");
    assertThat(get(agentUrl + "/probe?probe=nope&env=production", "text/plain").statusCode()).isEqualTo(400);
  }

  @Test
  void sigtermStopsWithExitCodeZeroWithinTheGracePeriod() throws Exception {
    awaitMetric("cartprobe_probe_success{env=\"production\",location=\"e2e\",probe=\"checkout\"}", 1.0);
    send("POST", demoUrl + "/demo/faults/slow-payments"); // runs in flight when the signal comes

    Instant signalled = Instant.now();
    new ProcessBuilder("kill", "-TERM", Long.toString(agent.pid())).start().waitFor(5, TimeUnit.SECONDS);
    int exit = agent.waitForExit(Duration.ofSeconds(15));

    assertThat(exit).as(agent.stderr()).isZero();
    assertThat(Duration.between(signalled, Instant.now())).isLessThan(Duration.ofSeconds(12));
  }

  @Test
  void demoRunsTheAgentOnTheBuiltInProbesYamlFromAnyDirectory() throws Exception {
    // from a directory without probes.yaml, `demo` falls back to the example built into the jar
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JarProcess.jar().toString(), "demo", "--port", "0", "--agent-port", "0")
        .directory(Files.createDirectory(dir.resolve("elsewhere")).toFile()).redirectErrorStream(true);
    Process full = builder.start();
    StringBuffer out = new StringBuffer();
    Thread.ofVirtual().start(() -> {
      try (var reader = full.inputReader()) {
        reader.lines().forEach(l -> out.append(l).append('\n'));
      } catch (IOException ignored) {
        // the process ended
      }
    });
    try {
      Pattern statusPage = JarProcess.DEMO_STATUS_PAGE;
      await().atMost(Duration.ofSeconds(90)).until(() -> statusPage.matcher(out).find());
      Matcher m = statusPage.matcher(out);
      assertThat(m.find()).isTrue();
      String url = m.group(1);

      assertThat(get(url + "/readyz", "*/*").statusCode()).isEqualTo(200);
      assertThat(get(url + "/api/status", "application/json").body())
          .contains("\"probe\" : \"checkout\"", "\"env\" : \"staging\"", "\"env\" : \"production\"",
              "\"probe\" : \"gateway-health\"", "\"location\" : \"local-demo\"");
      assertThat(get(url + "/", "text/html").body()).contains("checkout").contains("gateway-config");
    } finally {
      full.destroy();
      assertThat(full.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(full.exitValue()).as(out.toString()).isZero();
    }
  }

  // --- helpers


  private void awaitMetric(String series, double value) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> metric(scrape(), series).orElse(Double.NaN) == value);
  }

  private void awaitMetricAbove(String series, double value) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> metric(scrape(), series).orElse(Double.NaN) > value);
  }

  private String scrape() throws Exception {
    return get(agentUrl + "/metrics", "text/plain").body();
  }

  static OptionalDouble metric(String exposition, String series) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(series + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).trim()));
      }
    }
    return OptionalDouble.empty();
  }

  /** The real promtool; "" when it finds nothing to complain about. */
  static String promtoolCheck(String exposition) throws Exception {
    Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(output).isZero();
    return output.strip();
  }

  private static HttpResponse<String> get(String url, String accept) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int send(String method, String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
