package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's webhook receiver: what the agent's alerts say, in each payload format, on a page. */
class DemoNotificationsTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private DemoShop demo;
  private DemoClient client;
  private final List<Notification> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    demo = new DemoShop(0, Set.of(), Clock.fixed(NOW, ZoneOffset.UTC)).start();
    demo.onNotification(heard::add);
    client = new DemoClient(demo);
  }

  @AfterEach
  void stop() {
    client.close();
    demo.close();
  }

  @Test
  void anAlertmanagerPayloadIsReadAlertByAlert() {
    var reply = client.post("/demo/webhooks/oncall", """
        {"version": "4", "status": "firing", "receiver": "oncall", "alerts": [{
          "status": "firing",
          "labels": {"alertname": "checkout-failing", "severity": "critical", "probe": "checkout", "env": "production"},
          "annotations": {"summary": "checkout-failing: checkout@production step authorize_payment (payment-gateway) status",
                          "description": "Failed step: authorize_payment\\nProbable cause: gateway-config changed"}}]}
        """, Map.of("webhook-signature", "v1,abc"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(demo.notifications()).singleElement().satisfies(n -> {
      assertThat(n.receivedAt()).isEqualTo(NOW);
      assertThat(n.webhook()).isEqualTo("oncall");
      assertThat(n.format()).isEqualTo("alertmanager");
      assertThat(n.signed()).isTrue();
      assertThat(n.lines()).containsExactly("FIRING [critical] checkout-failing: checkout@production "
          + "step authorize_payment (payment-gateway) status");
      assertThat(n.details()).containsExactly(
          "Failed step: authorize_payment\nProbable cause: gateway-config changed");
    });
    assertThat(heard).hasSize(1);
  }

  @Test
  void everyFormatTheAgentSpeaksGetsAHeadline() {
    client.post("/demo/webhooks/am-api", """
        [{"labels": {"alertname": "gateway-config-changed", "severity": "warning", "probe": "gateway-config", "env": "staging"},
          "annotations": {"summary": ""}, "endsAt": "2026-01-02T03:00:00Z"}]
        """);
    client.post("/demo/webhooks/chat", """
        {"text": "*FIRING* [critical] checkout-failing: checkout@production\\nFailed step: *authorize_payment*"}
        """);
    client.post("/demo/webhooks/own", """
        {"schema": "https://cartprobe.io/schemas/webhook-event/v1", "status": "resolved", "alert": "checkout-failing",
         "severity": "critical", "probe": "checkout", "env": "production",
         "summary": "checkout-failing resolved: checkout@production after 2m", "description": "resolved"}
        """);

    assertThat(demo.notifications()).extracting(Notification::format)
        .containsExactly("json", "slack", "alertmanager-api");
    assertThat(demo.notifications()).flatExtracting(Notification::lines).containsExactly(
        "RESOLVED [critical] checkout-failing resolved: checkout@production after 2m",
        "FIRING [critical] checkout-failing: checkout@production",
        // ended before now: resolved; no summary: named by its labels
        "RESOLVED [warning] gateway-config-changed: gateway-config@staging");
  }

  @Test
  void thePageShowsThemNewestFirstEscapedAndJsonOnRequest() {
    assertThat(client.get("/demo/notifications").body()).contains("Nothing yet");
    client.post("/demo/webhooks/oncall", "{\"text\": \"first <script>\"}");
    client.post("/demo/webhooks/oncall", "{\"text\": \"second\"}");

    var page = client.get("/demo/notifications");
    var json = client.get("/demo/notifications", Map.of("Accept", "application/json"));

    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("first &lt;script&gt;").doesNotContain("<script>");
    assertThat(page.body().indexOf("second")).isLessThan(page.body().indexOf("first"));
    assertThat(json.json().path("notifications").get(0).path("lines").get(0).asText()).isEqualTo("second");
    assertThat(json.json().path("notifications").get(1).path("body").path("text").asText())
        .isEqualTo("first <script>");
  }

  @Test
  void onlyTheLatestAreKept() {
    for (int i = 0; i < WebhookReceiver.KEPT + 5; i++) {
      client.post("/demo/webhooks/oncall", "{\"text\": \"n" + i + "\"}");
    }

    assertThat(demo.notifications()).hasSize(WebhookReceiver.KEPT);
    assertThat(demo.notifications().getFirst().lines()).containsExactly("n" + (WebhookReceiver.KEPT + 4));
    assertThat(demo.notifications().getLast().lines()).containsExactly("n5");
  }
}
