package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Reloads while notifications are on their way to a slow receiver: each arrives exactly once. */
class ReloadDuringDeliveriesTest {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyNotificationArrivesOnceWhateverTheReloads() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    AtomicBoolean flapping = new AtomicBoolean(true);
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    target.createContext("/", exchange -> {
      try (exchange) {
        boolean fail = flapping.get() && requests.incrementAndGet() % 2 == 1;
        exchange.sendResponseHeaders(fail ? 500 : 200, -1);
      }
    });
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/hook", exchange -> {
      try (exchange) {
        JsonNode event = json.readTree(exchange.getRequestBody().readAllBytes());
        Thread.sleep(300); // a slow receiver: deliveries are in flight when reloads come
        received.add(event.path("id").asText());
        exchange.sendResponseHeaders(200, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    target.start();
    receiver.start();
    String yaml = """
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            steps:
              - {name: pay, request: {url: "{{base_url}}/pay"}}
        alerts:
          - name: checkout-failing
            when: {consecutive_failures: 1}
            resolve_after: 1
            notify: [hook]
        webhooks:
          - name: hook
            url: http://127.0.0.1:%d/hook
            format: json
        """.formatted(target.getAddress().getPort(), receiver.getAddress().getPort());
    CartprobeConfig config = AgentFixtures.parse(yaml);
    try (Agent agent = new Agent(() -> AgentFixtures.parse(yaml), config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start()) {
      for (int i = 0; i < 20; i++) {
        int before = received.size();
        agent.reload();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.size() > before);
      }
      flapping.set(false);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pending(agent) == 0);

      assertThat(received).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
    } finally {
      target.stop(0);
      receiver.stop(0);
    }
  }

  private int pending(Agent agent) throws Exception {
    JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + agent.port() + "/api/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    return status.path("webhook_deliveries").path("pending").size();
  }
}
