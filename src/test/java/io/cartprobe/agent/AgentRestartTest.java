package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Restart truth: stop the agent at each phase of an alert's life and start it again on the same
 * state file. A restart alone sends nothing: no resolved, no re-fired, no repeated notification;
 * what was not yet delivered is delivered once.
 */
class AgentRestartTest {

  private final MockWebServer target = new MockWebServer();
  private final AtomicBoolean checkoutFails = new AtomicBoolean();
  private final AtomicBoolean signingChanged = new AtomicBoolean();
  private final AtomicInteger gatewayReads = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean receiverUp = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private HttpServer receiver;
  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/v1/account")) {
          gatewayReads.incrementAndGet();
          return new MockResponse.Builder().code(200).body("{\"request_signing\":\""
              + (signingChanged.get() ? "rsa-pss-sha512" : "hmac-sha256") + "\"}").build();
        }
        return new MockResponse.Builder().code(checkoutFails.get() ? 500 : 200).body("{}").build();
      }
    });
    target.start();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext("/hook", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!receiverUp.get()) {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        JsonNode event = json.readTree(body);
        received.add(event.path("alert").asText() + ":" + event.path("kind").asText());
        exchange.sendResponseHeaders(200, -1);
      }
    });
    receiver.start();
  }

  @AfterEach
  void stop() throws IOException {
    receiver.stop(0);
    target.close();
  }

  private CartprobeConfig config() {
    return AgentFixtures.parse("""
        agent:
          state_file: %s
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            steps:
              - name: authorize_payment
                component: payment-gateway
                request: {method: POST, url: "{{base_url}}/pay"}
          - name: gateway-config
            type: gateway-config
            interval: 1s
            request: {url: "{{base_url}}/v1/account"}
            watch: [$.request_signing]
        alerts:
          - name: checkout-failing
            probes: [checkout]
            when: {consecutive_failures: 2}
            repeat: 1h
            notify: [hook]
          - name: gateway-config-changed
            probes: [gateway-config]
            when: {config_changed_within: 30m}
            notify: [hook]
        webhooks:
          - name: hook
            url: http://127.0.0.1:%d/hook
            format: json
        """.formatted(dir.resolve("state.json"), target.getPort(),
        receiver.getAddress().getPort()));
  }

  private Agent startAgent() throws IOException {
    return new Agent(this::config, config(), Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start();
  }

  private int runs(Agent agent, String probe) throws Exception {
    JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.port() + "/api/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    for (JsonNode p : status.path("probes")) {
      if (p.path("probe").asText().equals(probe)) {
        JsonNode r = p.path("runs");
        return r.path("success").asInt() + r.path("failure").asInt() + r.path("degraded").asInt();
      }
    }
    return 0;
  }

  /** Lets the restarted agent run a few more times: long enough for a lie to be told. */
  private void runsAfterRestart(Agent agent) {
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> runs(agent, "checkout") >= 3 && runs(agent, "gateway-config") >= 3);
  }

  @Test
  void aFiringAndDeliveredAlertIsNotAnnouncedAgain() throws Exception {
    checkoutFails.set(true);
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> received.contains("checkout-failing:firing"));
    }
    try (Agent agent = startAgent()) {
      runsAfterRestart(agent);
    }
    assertThat(received).containsExactly("checkout-failing:firing");
  }

  @Test
  void aConfigChangeAlertKeepsFiringAcrossTheRestart() throws Exception {
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gatewayReads.get() >= 1);
      signingChanged.set(true);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> received.contains("gateway-config-changed:firing"));
    }
    try (Agent agent = startAgent()) {
      runsAfterRestart(agent);
    }
    assertThat(received).containsExactly("gateway-config-changed:firing");
  }

  @Test
  void aResolvedAlertStaysResolved() throws Exception {
    checkoutFails.set(true);
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> received.contains("checkout-failing:firing"));
      checkoutFails.set(false);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> received.contains("checkout-failing:resolved"));
    }
    try (Agent agent = startAgent()) {
      runsAfterRestart(agent);
    }
    assertThat(received).containsExactly("checkout-failing:firing", "checkout-failing:resolved");
  }

  @Test
  void aNotificationNotYetDeliveredIsDeliveredOnceAfterTheRestart() throws Exception {
    receiverUp.set(false);
    checkoutFails.set(true);
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runs(agent, "checkout") >= 3);
    }
    assertThat(received).isEmpty();
    receiverUp.set(true);
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> received.contains("checkout-failing:firing"));
      runsAfterRestart(agent);
    }
    assertThat(received).containsExactly("checkout-failing:firing");
  }

  @Test
  void failingCheckoutsReadTheGatewayForEvidenceAtMostOncePerMinimumInterval() throws Exception {
    checkoutFails.set(true);
    try (Agent agent = startAgent()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runs(agent, "checkout") >= 5);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + agent.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      // gateway-config runs every second here, so each failed checkout finds its read fresh or
      // within the 30 s minimum: never a run of its own beyond the first.
      assertThat(metrics).doesNotContainPattern(
          "cartprobe_evidence_runs_total\\{[^}]*outcome=\"ran\"[^}]*} [2-9]");
      assertThat(metrics).containsPattern("cartprobe_evidence_runs_total\\{[^}]*outcome=\"(fresh|reused)\"");
    }
  }
}
