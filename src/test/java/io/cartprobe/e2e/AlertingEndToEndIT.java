package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The May 9 story end to end on real processes: the demo's gateway-config fault, the agent's
 * one firing notification naming the payment step and the gateway field that changed, a
 * SIGKILL and restart on the same state file without a second firing, and the resolution.
 */
class AlertingEndToEndIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Files.writeString(dir.resolve("probes.yaml"), """
        agent:
          listen: 127.0.0.1:0
          state_file: %1$s/state.json
          labels: {location: e2e}
        environments:
          production:
            vars: {base_url: %2$s/production, gateway_url: %2$s/gateway}
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
                classify:
                  - when: {json: {$.upstream.error.type: invalid_request_error}}
                    as: gateway_rejected
          - name: gateway-config
            type: gateway-config
            interval: 2s
            request:
              url: "{{gateway_url}}/v1/account/config"
              headers: {Authorization: "Bearer {{secret.gateway_key}}"}
            expect: {json: {$.charges_enabled: true}}
            watch: [$.request_signing, $.api_version]
        alerts:
          - name: checkout-failing
            probes: [checkout]
            when: {consecutive_failures: 2}
            severity: critical
            runbook: https://wiki.example.com/runbooks/checkout
            notify: [oncall]
        webhooks:
          - name: oncall
            url: http://127.0.0.1:%3$d/hook
            format: json
            timeout: 30s
        """.formatted(dir, demoUrl, receiver.getAddress().getPort()));
    startAgent();
  }

  private void startAgent() {
    agent = JarProcess.start(Map.of(), "agent", "-c", dir.resolve("probes.yaml").toString());
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
  void oneFiringNamingTheChangedGatewayFieldSurvivesSigkillThenResolves() throws Exception {
    // healthy first, so the gateway's configuration has a baseline to change from
    await().atMost(Duration.ofSeconds(60)).until(() -> status().contains("\"probe\" : \"gateway-config\"")
        && runs("success", "gateway-config") >= 1 && runs("success", "checkout") >= 1);

    send("POST", demoUrl + "/demo/faults/gateway-config");

    await().atMost(Duration.ofSeconds(60)).until(() -> count("firing") == 1);
    JsonNode firing = events.stream().filter(e -> e.path("kind").asText().equals("firing")).findFirst().orElseThrow();
    assertThat(firing.path("alert").asText()).isEqualTo("checkout-failing");
    assertThat(firing.path("env").asText()).isEqualTo("production");
    assertThat(firing.path("labels").path("location").asText()).isEqualTo("e2e");
    assertThat(firing.path("failure").path("step").asText()).isEqualTo("authorize_payment");
    assertThat(firing.path("failure").path("component").asText()).isEqualTo("payment-gateway");
    assertThat(firing.path("failure").path("classification").asText()).isEqualTo("gateway_rejected");
    assertThat(firing.path("failure").path("bodyExcerpt").asText()).contains("signature_scheme_mismatch");
    assertThat(firing.path("traceId").asText()).matches("[0-9a-f]{32}");
    assertThat(firing.path("runbook").asText()).isEqualTo("https://wiki.example.com/runbooks/checkout");
    JsonNode cause = firing.path("probableCause");
    assertThat(cause.path("probe").asText()).isEqualTo("gateway-config");
    assertThat(cause.path("changes").toString())
        .contains("\"path\":\"$.request_signing\"")
        .contains("hmac-sha256").contains("rsa-pss-sha512");

    // Delivery is at-least-once: a kill between the receiver's 204 and the agent saving that it
    // was delivered re-sends it (same webhook-id). Kill once the state file records the delivery.
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(
              "jdbc:sqlite:" + dir.resolve("state.json"));
          java.sql.Statement s = c.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM pending_deliveries),"
              + " (SELECT count(*) FROM alert_instances WHERE state = 'firing')")) {
        return r.getInt(1) == 0 && r.getInt(2) > 0;
      } catch (java.sql.SQLException notYet) {
        return false; // the agent has not created its tables yet
      }
    });

    // SIGKILL: no shutdown hook, no goodbye; the state file is all that survives
    new ProcessBuilder("kill", "-KILL", Long.toString(agent.pid())).start().waitFor(5, TimeUnit.SECONDS);
    agent.waitForExit(Duration.ofSeconds(10));
    startAgent();
    await().atMost(Duration.ofSeconds(60)).until(() -> runs("failure", "checkout") >= 3);
    assertThat(count("firing")).as("no second firing after the restart: %s", events).isEqualTo(1);

    send("DELETE", demoUrl + "/demo/faults/gateway-config");
    await().atMost(Duration.ofSeconds(60)).until(() -> count("resolved") == 1);
    JsonNode resolved = events.stream().filter(e -> e.path("kind").asText().equals("resolved")).findFirst().orElseThrow();
    assertThat(resolved.path("alert").asText()).isEqualTo("checkout-failing");
    assertThat(resolved.path("durationSeconds").asDouble()).isPositive();
    assertThat(count("firing")).isEqualTo(1);
    assertThat(status()).contains("\"config_changes\"").contains("$.request_signing");
  }

  private long count(String kind) {
    return events.stream().filter(e -> e.path("kind").asText().equals(kind)).count();
  }

  private double runs(String result, String probe) throws Exception {
    String series = "cartprobe_probe_runs_total{env=\"production\",location=\"e2e\",probe=\"" + probe
        + "\",result=\"" + result + "\"}";
    return AgentEndToEndIT.metric(get(agentUrl + "/metrics"), series).orElse(0);
  }

  private String status() throws Exception {
    return get(agentUrl + "/api/status");
  }


  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
