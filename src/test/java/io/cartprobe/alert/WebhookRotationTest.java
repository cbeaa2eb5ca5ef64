package io.cartprobe.alert;

import static io.cartprobe.testing.Results.paymentRejected;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.WebhookFormat;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reload that edits a webhook's URL (a leaked token rotated) takes the queued notifications
 * to the new URL; a reload that removes the webhook keeps them as undelivered, never silently.
 */
class WebhookRotationTest {

  private final MockWebServer oldUrl = new MockWebServer();
  private final MockWebServer newUrl = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    oldUrl.start(InetAddress.getByName("127.0.0.1"), 0);
    newUrl.start(InetAddress.getByName("127.0.0.1"), 0);
    oldUrl.enqueue(new MockResponse.Builder().code(503).build());
    newUrl.enqueue(new MockResponse.Builder().code(200).build());
  }

  @AfterEach
  void stop() {
    oldUrl.close();
    newUrl.close();
  }

  private DeliveryHarness firingWhileOldUrlIsDown() throws Exception {
    DeliveryHarness before = new DeliveryHarness(
        List.of(notifying(rule("checkout-failing", new ConsecutiveFailures(1), 1), "oncall")),
        List.of(DeliveryHarness.webhook("oncall", WebhookFormat.JSON, oldUrl.url("/t0ken-1").toString())));
    assertThat(before.feed(paymentRejected("checkout", "production", EngineHarness.T0))).hasSize(1);
    before.deliver();
    assertThat(oldUrl.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(before.alerting.pending()).hasSize(1);
    return before;
  }

  @Test
  void aRotatedUrlGetsTheQueuedNotification() throws Exception {
    DeliveryHarness before = firingWhileOldUrlIsDown();

    DeliveryHarness after = new DeliveryHarness(
        List.of(notifying(rule("checkout-failing", new ConsecutiveFailures(1), 1), "oncall")),
        List.of(DeliveryHarness.webhook("oncall", WebhookFormat.JSON, newUrl.url("/t0ken-2").toString())),
        List.of(), DeliveryPolicy.defaults(), before.alerting.snapshot(),
        io.cartprobe.alert.AlertStateSink.NONE, before.clock.instant());
    after.deliverUntil(before.clock.instant().plusSeconds(600));

    var request = newUrl.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/t0ken-2");
    assertThat(after.alerting.pending()).isEmpty();
    assertThat(after.alerting.deadLetters()).isEmpty();
  }

  @Test
  void aRemovedWebhookKeepsItsNotificationAsUndelivered() throws Exception {
    DeliveryHarness before = firingWhileOldUrlIsDown();

    DeliveryHarness after = new DeliveryHarness(
        List.of(notifying(rule("checkout-failing", new ConsecutiveFailures(1), 1), "pager")),
        List.of(DeliveryHarness.webhook("pager", WebhookFormat.JSON, newUrl.url("/p").toString())),
        List.of(), DeliveryPolicy.defaults(), before.alerting.snapshot(),
        io.cartprobe.alert.AlertStateSink.NONE, before.clock.instant());

    assertThat(after.alerting.pending()).isEmpty();
    assertThat(after.alerting.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.why()).isEqualTo("webhook oncall is no longer configured"));
  }
}
