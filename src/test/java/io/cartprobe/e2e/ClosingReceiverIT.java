package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.ClosingReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent notifying a receiver that closes the connection after every answer (like
 * Python's http.server), with JSON logs: every notification arrives once, none is counted as a
 * retry, and every log line is JSON with a formatted message and an ISO-8601 timestamp.
 */
class ClosingReceiverIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FLAPS = 3;

  @TempDir Path dir;
  private JarProcess demo;
  private JarProcess agent;

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
  void everyNotificationArrivesOnceWithoutARetryAndTheLogsAreJson() throws Exception {
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    String demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
    try (ClosingReceiver receiver = new ClosingReceiver()) {
      Files.writeString(dir.resolve("probes.yaml"), """
          agent:
            listen: 127.0.0.1:0
            labels: {location: e2e}
          environments:
            production:
              vars: {base_url: %s/production}
          probes:
            - name: cart
              type: checkout
              interval: 1s
              timeout: 5s
              steps:
                - name: create_cart
                  component: cart-service
                  request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
                  expect: {status: 201}
          alerts:
            - name: cart-failing
              when: {consecutive_failures: 1}
              notify: [closing]
          webhooks:
            - name: closing
              url: %s
          """.formatted(demoUrl, receiver.url("/hook")));
      agent = JarProcess.start(Map.of(), "agent", "-c", dir.resolve("probes.yaml").toString(),
          "--log-format", "json");
      String agentUrl = agent.awaitUrl(JarProcess.AGENT_URL);

      for (int flap = 1; flap <= FLAPS; flap++) {
        send("POST", demoUrl + "/demo/faults/cart-down");
        int firing = 2 * flap - 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies.size() >= firing);
        send("DELETE", demoUrl + "/demo/faults/cart-down");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies.size() >= firing + 1);
      }

      String metrics = get(agentUrl + "/metrics");
      assertThat(receiver.bodies).hasSize(2 * FLAPS);
      assertThat(AgentEndToEndIT.metric(metrics,
          "cartprobe_webhook_deliveries_total{location=\"e2e\",result=\"delivered\",webhook=\"closing\"}"))
          .hasValue(2 * FLAPS);
      assertThat(AgentEndToEndIT.metric(metrics,
          "cartprobe_webhook_deliveries_total{location=\"e2e\",result=\"retried\",webhook=\"closing\"}")
          .orElse(0)).isZero();
    }

    List<String> lines = agent.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode log = JSON.readTree(line);
      assertThat(Instant.parse(log.path("timestamp").asText())).as(line).isNotNull();
      assertThat(log.path("message").asText()).as(line).isNotBlank().doesNotContain("{}");
    }
    assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("message").asText())
        .startsWith("cart @ production failed at step create_cart")
        .endsWith("expected status 201, got 503")
        .doesNotContain("status: status"));
  }

  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
  }
}
