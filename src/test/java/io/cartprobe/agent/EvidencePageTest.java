package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence page through the real agent: a failing payment whose request carries a secret
 * and a card number, a provider whose status page has an incident open. The firing notification
 * links the page; it answers HTML and JSON with the step's exchange, the runs' trace ids, the
 * provider's incident and the ticket text, and neither form holds the secret or the card. The
 * episode survives a restart on the same state file.
 */
class EvidencePageTest {

  private static final String SECRET = "sk_live_evidence_Zq81x";
  private static final String CARD = "4242424242424242";

  private final MockWebServer target = new MockWebServer();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private HttpServer receiver;
  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    byte[] summary;
    try (InputStream in = getClass().getResourceAsStream("/statuspage/card-payments-incident.json")) {
      summary = in.readAllBytes();
    }
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/api/v2/summary.json")) {
          return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
              .body(new okio.Buffer().write(summary)).build();
        }
        // The shop echoes what it got, as shops do in error bodies: the card and the key.
        return new MockResponse.Builder().code(502).addHeader("Content-Type", "application/json")
            .addHeader("X-Request-Id", "req_123")
            .body("{\"error\":\"gateway refused card " + CARD + " for key " + SECRET + "\"}")
            .build();
      }
    });
    target.start();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hook", exchange -> {
      try (exchange) {
        received.add(json.readTree(exchange.getRequestBody().readAllBytes()));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    target.close();
  }

  private CartprobeConfig config() {
    return AgentFixtures.parse("""
        agent:
          state_file: %s
          external_url: https://cartprobe.example.com/agent
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
            secrets: {gateway_key: %s}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            steps:
              - name: authorize_payment
                component: payment-gateway
                request:
                  method: POST
                  url: "{{base_url}}/pay"
                  headers: {Authorization: "Bearer {{secret.gateway_key}}", X-Key-Copy: "{{secret.gateway_key}}"}
                  json: {card: "%s", amount: 1999}
          - name: psp-status
            type: provider-status
            interval: 1s
            request: {url: "{{base_url}}/api/v2/summary.json"}
            components: ["Card payments"]
        alerts:
          - name: checkout-failing
            probes: [checkout]
            when: {consecutive_failures: 2}
            notify: [hook]
        webhooks:
          - name: hook
            url: http://127.0.0.1:%d/hook
            format: json
        """.formatted(dir.resolve("state.json"), target.getPort(), SECRET, CARD,
        receiver.getAddress().getPort()));
  }

  private Agent startAgent() throws IOException {
    return new Agent(this::config, config(), Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start();
  }

  private HttpResponse<String> get(Agent agent, String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theFiringNotificationLinksAnEvidencePageInHtmlAndJsonWithNoSecretAndNoCard()
      throws Exception {
    String path;
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
          .anyMatch(e -> e.path("alert").asText().equals("checkout-failing")));
      JsonNode firing = received.stream()
          .filter(e -> e.path("alert").asText().equals("checkout-failing")).findFirst().orElseThrow();
      String url = firing.path("evidenceURL").asText();
      assertThat(url).matches("https://cartprobe\\.example\\.com/agent/incidents/[0-9a-f]{16}");
      assertThat(firing.path("providerStatus").toString())
          .contains("provider status: 'Elevated declines for Amex' (investigating, minor) since 10:04Z");
      path = URI.create(url).getPath().substring("/agent".length());

      HttpResponse<String> html = get(agent, path, "text/html");
      assertThat(html.statusCode()).isEqualTo(200);
      assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(
          t -> assertThat(t).startsWith("text/html"));
      assertThat(html.body()).contains("Failing step: authorize_payment (payment-gateway)",
          "POST http://127.0.0.1:" + target.getPort() + "/pay", "HTTP 502", "X-Request-Id: req_123",
          "Elevated declines for Amex", "Copy for the provider", firing.path("traceId").asText());
      assertThat(html.body()).doesNotContain(SECRET, CARD);

      HttpResponse<String> asJson = get(agent, path, "application/json");
      assertThat(asJson.statusCode()).isEqualTo(200);
      JsonNode e = json.readTree(asJson.body());
      assertThat(e.path("alert").asText()).isEqualTo("checkout-failing");
      assertThat(e.path("probe").asText()).isEqualTo("checkout");
      assertThat(e.path("env").asText()).isEqualTo("production");
      assertThat(e.path("variant").asText()).isEmpty();
      assertThat(e.path("failed_runs").size()).isBetween(2, 50);
      assertThat(e.path("failed_runs").get(0).path("trace_id").asText()).matches("[0-9a-f]{32}");
      JsonNode x = e.path("failing_step").path("exchange");
      assertThat(x.path("method").asText()).isEqualTo("POST");
      assertThat(x.path("request_headers").path("Authorization").asText()).isEqualTo("***");
      assertThat(x.path("request_headers").path("X-Key-Copy").asText()).isEqualTo("***");
      assertThat(x.path("request_body").asText()).contains("\"amount\":1999");
      assertThat(x.path("status").asInt()).isEqualTo(502);
      assertThat(x.path("response_body").asText()).contains("gateway refused card ***");
      assertThat(e.path("provider_status").get(0).path("incidents").get(0).path("link").asText())
          .isEqualTo("https://stspg.io/p31zjtct2jer");
      assertThat(e.path("copy_for_provider").asText())
          .contains("Request: POST http://127.0.0.1:" + target.getPort() + "/pay");
      assertThat(asJson.body()).doesNotContain(SECRET, CARD);
      assertThat(get(agent, "/incidents/0000000000000000", "text/html").statusCode())
          .isEqualTo(404);
    }

    try (Agent restarted = startAgent()) {
      HttpResponse<String> again = get(restarted, path, "application/json");
      assertThat(again.statusCode()).as("the episode survives the restart").isEqualTo(200);
      assertThat(json.readTree(again.body()).path("alert").asText()).isEqualTo("checkout-failing");
    }
  }
}
