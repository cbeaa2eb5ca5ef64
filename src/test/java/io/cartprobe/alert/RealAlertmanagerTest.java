package io.cartprobe.alert;

import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.onProbe;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.Fingerprint;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian package prometheus-alertmanager) receives alertmanager-api pushes:
 * the alert shows in its GET /api/v2/alerts, then resolves. Fails, not skips, without the binary.
 */
class RealAlertmanagerTest {

  private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Process alertmanager;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startAlertmanager() throws Exception {
    assertThat(Files.isExecutable(BINARY))
        .as("%s is missing: install the Debian package prometheus-alertmanager", BINARY)
        .isTrue();
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: nobody
        receivers:
          - name: nobody
        """);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    alertmanager = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile())
        .start();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get("/-/ready").statusCode() == 200);
  }

  @AfterEach
  void stopAlertmanager() throws Exception {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly();
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Optional<JsonNode> ourAlert() throws Exception {
    for (JsonNode alert : JSON.readTree(get("/api/v2/alerts").body())) {
      if (alert.path("labels").path("alertname").asText().equals("checkout-failing")) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }

  @Test
  void pushedAlertIsActiveInAlertmanagerThenResolved() throws Exception {
    Webhook webhook = new Webhook("alertmanager", List.of(base), WebhookFormat.ALERTMANAGER_API,
        Optional.of(DeliveryHarness.SECRET), true, Duration.ofSeconds(30), Map.of());
    // Alertmanager judges endsAt against its own clock: the fake clock starts at real time.
    Instant start = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    var h = new DeliveryHarness(
        List.of(notifying(onProbe("checkout-failing", "checkout", new ConsecutiveFailures(1)), "alertmanager")),
        List.of(webhook), List.of(), io.cartprobe.alert.webhook.DeliveryPolicy.defaults(), null,
        AlertStateSink.NONE, start);
    h.feed(paymentRejected("checkout", "production", start));
    h.deliver();
    assertThat(h.counts.deliveredCount("alertmanager")).isEqualTo(1);

    JsonNode alert = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(this::ourAlert, Optional::isPresent).orElseThrow();
    assertThat(alert.path("status").path("state").asText()).isEqualTo("active");
    assertThat(alert.path("labels").path("probe").asText()).isEqualTo("checkout");
    assertThat(alert.path("labels").path("env").asText()).isEqualTo("production");
    assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(alert.path("labels").path("location").asText()).isEqualTo("eu-west-1");
    assertThat(alert.path("annotations").path("failed_step").asText()).isEqualTo("authorize_payment");
    assertThat(alert.path("annotations").path("component").asText()).isEqualTo("payment-gateway");
    assertThat(Instant.parse(alert.path("startsAt").asText())).isEqualTo(start.plusMillis(300));
    assertThat(Instant.parse(alert.path("endsAt").asText()))
        .isEqualTo(start.plusMillis(300).plus(Duration.ofMinutes(4)));
    // Our webhook format computes the same fingerprint Alertmanager does.
    Map<String, String> labels = JSON.convertValue(alert.path("labels"), Map.class);
    assertThat(Fingerprint.of(labels)).isEqualTo(alert.path("fingerprint").asText());

    h.feed(ok("checkout", "production", start.plusSeconds(2)));
    h.deliver();
    assertThat(h.counts.deliveredCount("alertmanager")).isEqualTo(2);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> ourAlert().map(a -> Instant.parse(a.path("endsAt").asText())
            .isBefore(Instant.now())).orElse(true));
  }
}
