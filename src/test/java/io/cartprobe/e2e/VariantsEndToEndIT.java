package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.demo.DemoProbesYaml;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partial outage end to end on the real jar, with the top-level probes.yaml (relaxed) and its
 * payment_method matrix: the demo's gateway stops accepting Amex. Exactly one notification
 * fires, for checkout[amex], naming the variant, the step, the component and the gateway's
 * config change; visa and mastercard stay quiet; it resolves after the fix.
 */
class VariantsEndToEndIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;
  private JarProcess demo;
  private String demoUrl;
  private HttpServer receiver;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private JarProcess agent;
  private String agentUrl;

  @BeforeEach
  void start() throws Exception {
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      events.add(JSON.readTree(exchange.getRequestBody()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Path config = DemoProbesYaml.relaxed()
        .probe("checkout", p -> {
          p.put("environments", List.of("production"));
          p.put("interval", "2s");
          p.put("interval_when_failing", "2s");
          p.put("retries", 0);
        })
        .probe("gateway-config", p -> {
          p.put("environments", List.of("production"));
          p.put("interval", "2s");
          p.put("interval_when_failing", "2s");
        })
        .probe("psp-status", p -> {
          p.put("environments", List.of("production"));
          p.put("interval", "2s");
          p.put("interval_when_failing", "2s");
        })
        .root(root -> {
          // Only the alert under test, sent to this test's receiver as cartprobe's own JSON.
          List<?> alerts = (List<?>) root.get("alerts");
          alerts.removeIf(a -> !"checkout-failing".equals(((Map<?, ?>) a).get("name")));
          root.put("webhooks", List.of(Map.of("name", "oncall", "url", hook, "format", "json",
              "timeout", "30s")));
          root.remove("silences");
          root.remove("slos");
        })
        .writeTo(dir);
    agent = JarProcess.start(Map.of("CARTPROBE_DEMO_URL", demoUrl), "agent", "-c", config.toString());
    agentUrl = agent.awaitUrl(JarProcess.AGENT_URL);
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void oneVariantBrokenFiresOnceForThatVariantNamingTheConfigChangeThenResolves() throws Exception {
    // Healthy first: every variant passed, and the gateway's configuration has a baseline.
    await().atMost(DEADLINE).until(() -> runs("gateway-config", "", "success") >= 1
        && runs("checkout", "visa", "success") >= 1 && runs("checkout", "mastercard", "success") >= 1
        && runs("checkout", "amex", "success") >= 1);

    send("POST", demoUrl + "/demo/faults/amex-disabled");

    await().atMost(DEADLINE).until(() -> count("firing") == 1);
    JsonNode firing = only("firing");
    assertThat(firing.path("alert").asText()).isEqualTo("checkout-failing");
    assertThat(firing.path("probe").asText()).isEqualTo("checkout");
    assertThat(firing.path("env").asText()).isEqualTo("production");
    assertThat(firing.path("variant").asText()).isEqualTo("amex");
    // consecutive_failures: 2 on a 2 s interval: it fired on the second failed run of amex
    assertThat(firing.path("failedRuns").asInt()).isEqualTo(2);
    assertThat(firing.path("summary").asText())
        .startsWith("checkout-failing: checkout[amex]@production step authorize_payment (payment-gateway) status [card_brand_not_enabled]")
        .endsWith("(1 of 3 variants failing: amex)");
    assertThat(firing.path("description").asText())
        .contains("Variant: amex (1 of 3 variants failing: amex)")
        .contains("Failed step: authorize_payment (component payment-gateway)");
    assertThat(firing.path("variants").path("total").asInt()).isEqualTo(3);
    assertThat(firing.path("variants").path("failing").toString()).isEqualTo("[\"amex\"]");
    assertThat(firing.path("failure").path("step").asText()).isEqualTo("authorize_payment");
    assertThat(firing.path("failure").path("component").asText()).isEqualTo("payment-gateway");
    assertThat(firing.path("failure").path("bodyExcerpt").asText()).contains("card_brand_not_enabled");
    JsonNode cause = firing.path("probableCause");
    assertThat(cause.path("probe").asText()).isEqualTo("gateway-config");
    assertThat(cause.path("changes").toString()).contains("\"path\":\"$.card_brands\"")
        .contains("amex");
    assertThat(firing.toString()).doesNotContain("378282246310005").doesNotContain("sk_live_demo");

    // The healthy variants keep passing and stay quiet while amex keeps failing.
    double visa = runs("checkout", "visa", "success");
    double mastercard = runs("checkout", "mastercard", "success");
    await().atMost(DEADLINE).until(() -> runs("checkout", "visa", "success") >= visa + 3
        && runs("checkout", "mastercard", "success") >= mastercard + 3
        && runs("checkout", "amex", "failure") >= 5);
    assertThat(count("firing")).as("one firing only: %s", events).isEqualTo(1);
    assertThat(events).allSatisfy(e -> assertThat(e.path("variant").asText()).isEqualTo("amex"));
    String metrics = get(agentUrl + "/metrics");
    assertThat(metrics)
        .contains("cartprobe_probe_success{env=\"production\",location=\"local-demo\",probe=\"checkout\",variant=\"amex\"} 0.0")
        .contains("cartprobe_probe_success{env=\"production\",location=\"local-demo\",probe=\"checkout\",variant=\"visa\"} 1.0")
        .contains("cartprobe_alert_firing{alert=\"checkout-failing\",env=\"production\",location=\"local-demo\",probe=\"checkout\",variant=\"amex\"} 1.0")
        .contains("cartprobe_alert_firing{alert=\"checkout-failing\",env=\"production\",location=\"local-demo\",probe=\"checkout\",variant=\"visa\"} 0.0");
    assertThat(get(agentUrl + "/")).contains("1 of 3 variants failing: amex");
    JsonNode status = JSON.readTree(get(agentUrl + "/api/status"));
    List<String> amexStates = new java.util.ArrayList<>();
    status.path("probes").forEach(p -> {
      if (p.path("variant").asText().equals("amex")) {
        amexStates.add(p.path("state").asText());
      }
    });
    assertThat(amexStates).containsExactly("failing");
    assertThat(status.path("probes").findValuesAsText("variant"))
        .contains("visa", "mastercard", "amex");
    assertThat(status.path("alerts").toString()).contains("\"variant\":\"amex\"");

    send("DELETE", demoUrl + "/demo/faults/amex-disabled");
    await().atMost(DEADLINE).until(() -> count("resolved") == 1);
    JsonNode resolved = only("resolved");
    assertThat(resolved.path("variant").asText()).isEqualTo("amex");
    assertThat(resolved.path("summary").asText()).startsWith("checkout-failing resolved: checkout[amex]@production");
    assertThat(count("firing")).isEqualTo(1);
  }

  @Test
  void theNotificationQuotesTheProvidersIncidentAndLinksEvidenceWithNoSecretInIt() throws Exception {
    await().atMost(DEADLINE).until(() -> runs("gateway-config", "", "success") >= 1
        && runs("psp-status", "", "success") >= 1 && runs("checkout", "amex", "success") >= 1);
    send("POST", demoUrl + "/demo/faults/provider-incident");
    await().atMost(DEADLINE).until(() -> runs("psp-status", "", "failure") >= 1);
    send("POST", demoUrl + "/demo/faults/amex-disabled");

    await().atMost(DEADLINE).until(() -> count("firing") == 1);
    JsonNode firing = only("firing");
    assertThat(firing.path("variant").asText()).isEqualTo("amex");
    assertThat(firing.path("providerStatus").toString()).contains("provider status")
        .contains("Card payments");
    String evidenceUrl = firing.path("evidenceURL").asText();
    assertThat(evidenceUrl).contains("/incidents/");

    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(evidenceUrl))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> document = HTTP.send(HttpRequest.newBuilder(URI.create(evidenceUrl))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("amex", "authorize_payment", "Card payments");
    assertThat(document.statusCode()).isEqualTo(200);
    JsonNode episode = JSON.readTree(document.body());
    assertThat(episode.path("variant").asText()).isEqualTo("amex");
    assertThat(episode.path("failing_step").path("step").asText()).isEqualTo("authorize_payment");
    assertThat(episode.path("provider_status").toString()).contains("Card payments");
    for (String body : List.of(page.body(), document.body(), firing.toString())) {
      assertThat(body).doesNotContain("378282246310005").doesNotContain("sk_live_demo");
    }
  }

  private JsonNode only(String kind) {
    return events.stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst().orElseThrow();
  }

  private long count(String kind) {
    return events.stream().filter(e -> e.path("kind").asText().equals(kind)).count();
  }

  private double runs(String probe, String variant, String result) throws Exception {
    // an empty variant is left out of the text (docs/design.md, Metrics)
    String series = "cartprobe_probe_runs_total{env=\"production\",location=\"local-demo\",probe=\""
        + probe + "\",result=\"" + result + "\""
        + (variant.isEmpty() ? "" : ",variant=\"" + variant + "\"") + "}";
    return AgentEndToEndIT.metric(get(agentUrl + "/metrics"), series).orElse(0);
  }

  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
