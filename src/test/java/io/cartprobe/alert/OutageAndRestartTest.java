package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.onProbe;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import io.cartprobe.testing.Results;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that is down for a while, and an agent that restarts: nothing lost, nothing twice. */
class OutageAndRestartTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<AlertRule> RULES = List.of(
      notifying(onProbe("checkout-failing", "checkout", new ConsecutiveFailures(1)), "oncall"),
      notifying(onProbe("gateway-config-failing", "gateway-config", new ConsecutiveFailures(1)), "oncall"));

  private final MockWebServer receiver = new MockWebServer();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static Webhook webhook(int port) {
    return DeliveryHarness.webhook("oncall", WebhookFormat.JSON, "http://127.0.0.1:" + port + "/hook");
  }

  private void acceptAll() throws Exception {
    receiver.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(204).build();
      }
    });
  }

  private List<JsonNode> received(int count) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
      assertThat(request).as("request %d of %d", i + 1, count).isNotNull();
      JsonNode body = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
      ((com.fasterxml.jackson.databind.node.ObjectNode) body)
          .put("webhook-id", request.getHeaders().get("webhook-id"));
      events.add(body);
    }
    assertThat(receiver.takeRequest(200, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
    return events;
  }

  private static List<String> kinds(List<JsonNode> events) {
    return events.stream().map(e -> e.path("alert").asText() + " " + e.path("kind").asText()).toList();
  }

  @Test
  void receiverDownForAWhileThenUpGetsEveryNotificationOnceInOrderPerAlert() throws Exception {
    int port = freePort();
    var h = new DeliveryHarness(RULES, List.of(webhook(port)));
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    h.feed(Results.gatewayConfig("gateway-config", "production", T0.plusSeconds(20), true,
        java.util.Optional.empty()));
    h.deliver();
    h.feed(ok("checkout", "production", T0.plusSeconds(30)));
    h.feed(paymentRejected("checkout", "production", T0.plusSeconds(60)));
    h.deliverUntil(T0.plus(Duration.ofMinutes(20)));
    assertThat(h.counts.retriedCount("oncall")).isGreaterThan(5);
    assertThat(h.counts.deliveredCount("oncall")).isZero();
    assertThat(h.alerting.pending()).hasSize(4);

    receiver.start(InetAddress.getByName("127.0.0.1"), port);
    acceptAll();
    h.deliverUntil(T0.plus(Duration.ofMinutes(40)));

    List<JsonNode> events = received(4);
    // Each alert backs off on its own, so alerts may overtake each other; never within one.
    assertThat(kinds(events)).filteredOn(k -> k.startsWith("checkout-failing")).containsExactly(
        "checkout-failing firing",
        "checkout-failing resolved",
        "checkout-failing firing");
    assertThat(kinds(events)).contains("gateway-config-failing firing");
    assertThat(events.stream().map(e -> e.path("webhook-id").asText()).distinct()).hasSize(4);
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(4);
    assertThat(h.counts.dropped).isEmpty();
    assertThat(h.alerting.pending()).isEmpty();
  }

  @Test
  void afterARestartAFiringAlertIsNotSentAgainAndItsResolutionArrives() throws Exception {
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    acceptAll();
    Path file = dir.resolve("state.json");
    AlertStateFile store = new AlertStateFile(file);
    var first = new DeliveryHarness(RULES, List.of(webhook(receiver.getPort())), List.of(),
        DeliveryPolicy.defaults(), null, store, T0);
    first.feed(paymentRejected("checkout", "production", T0));
    first.deliver();
    assertThat(kinds(received(1))).containsExactly("checkout-failing firing");
    assertThat(Files.readString(file)).contains("\"state\" : \"firing\"");
    // The process dies here; nothing else of it is used.

    AlertState saved = new AlertStateFile(file).load().orElseThrow();
    var second = new DeliveryHarness(RULES, List.of(webhook(receiver.getPort())), List.of(),
        DeliveryPolicy.defaults(), saved, store, T0.plus(Duration.ofMinutes(5)));
    assertThat(second.alerting.statuses()).filteredOn(AlertStatus::firing).singleElement()
        .satisfies(s -> assertThat(s.alert()).isEqualTo("checkout-failing"));
    Instant later = T0.plus(Duration.ofMinutes(5));
    assertThat(second.feed(paymentRejected("checkout", "production", later))).isEmpty();
    assertThat(second.feed(paymentRejected("checkout", "production", later.plusSeconds(30)))).isEmpty();
    second.deliver();
    assertThat(receiver.takeRequest(200, TimeUnit.MILLISECONDS)).as("no second firing").isNull();

    assertThat(second.feed(ok("checkout", "production", later.plusSeconds(60)))).hasSize(1);
    second.deliver();
    List<JsonNode> resolved = received(1);
    assertThat(kinds(resolved)).containsExactly("checkout-failing resolved");
    assertThat(resolved.getFirst().path("startsAt").asText()).isEqualTo(T0.plusMillis(300).toString());
    assertThat(resolved.getFirst().path("failedRuns").asInt()).isEqualTo(3);
  }

  @Test
  void aNotificationPendingAtRestartIsDeliveredAfterIt() throws Exception {
    int port = freePort();
    Path file = dir.resolve("state.json");
    AlertStateFile store = new AlertStateFile(file);
    var first = new DeliveryHarness(RULES, List.of(webhook(port)), List.of(),
        DeliveryPolicy.defaults(), null, store, T0);
    first.feed(paymentRejected("checkout", "production", T0));
    first.deliverUntil(T0.plus(Duration.ofMinutes(2)));  // receiver down: it stays queued
    assertThat(store.load().orElseThrow().pending()).singleElement()
        .satisfies(p -> assertThat(p.attempts()).isPositive());

    receiver.start(InetAddress.getByName("127.0.0.1"), port);
    acceptAll();
    var second = new DeliveryHarness(RULES, List.of(webhook(port)), List.of(),
        DeliveryPolicy.defaults(), store.load().orElseThrow(), store, T0.plus(Duration.ofMinutes(10)));
    second.deliverUntil(T0.plus(Duration.ofMinutes(20)));
    assertThat(kinds(received(1))).containsExactly("checkout-failing firing");
    assertThat(store.load().orElseThrow().pending()).isEmpty();
    assertThat(second.feed(paymentRejected("checkout", "production", T0.plus(Duration.ofMinutes(11)))))
        .isEmpty();
  }

  @Test
  void theStateFileIsReplacedAtomicallyAndReadsBack() throws Exception {
    Path file = dir.resolve("nested/state.json");
    AlertStateFile store = new AlertStateFile(file);
    assertThat(store.load()).isEmpty();
    var h = new DeliveryHarness(RULES, List.of(webhook(freePort())), List.of(),
        DeliveryPolicy.defaults(), null, store, T0);
    h.feed(paymentRejected("checkout", "production", T0));
    AlertState state = store.load().orElseThrow();
    assertThat(state).isEqualTo(h.lastSaved());
    assertThat(JSON.readTree(file.toFile()).path("alerts").path("version").asInt()).isEqualTo(1);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temp file left behind").containsExactly(file);
    }
  }
}
