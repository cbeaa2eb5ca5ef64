package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.onProbe;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.WebhookFormat;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiRhythmAndWorkerTest {

  private final MockWebServer receiver = new MockWebServer();
  private final List<String> endsAt = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private void start() throws Exception {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        try {
          endsAt.add(new ObjectMapper().readTree(request.getBody().string(StandardCharsets.UTF_8))
              .get(0).path("endsAt").asText());
        } catch (Exception e) {
          endsAt.add("unreadable");
        }
        return new MockResponse.Builder().code(200).build();
      }
    });
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @Test
  void alertmanagerApiResendsFiringEveryMinuteAndResolvedFor15Minutes() throws Exception {
    start();
    var h = new DeliveryHarness(
        List.of(notifying(onProbe("checkout-failing", "checkout", new ConsecutiveFailures(1)), "am")),
        List.of(DeliveryHarness.webhook("am", WebhookFormat.ALERTMANAGER_API, receiver.url("/").toString())));
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    var fired = T0.plusMillis(300);
    for (int minute = 1; minute <= 3; minute++) {
      h.clock.set(fired.plus(Duration.ofSeconds(30L * (2 * minute - 1))));
      h.alerting.tick();
      h.deliver();
      h.clock.set(fired.plus(Duration.ofMinutes(minute)));
      h.alerting.tick();
      h.deliver();
    }
    assertThat(endsAt).containsExactly(
        fired.plus(Duration.ofMinutes(4)).toString(),
        fired.plus(Duration.ofMinutes(5)).toString(),
        fired.plus(Duration.ofMinutes(6)).toString(),
        fired.plus(Duration.ofMinutes(7)).toString());
    endsAt.clear();
    var resolvedAt = fired.plus(Duration.ofMinutes(3)).plusSeconds(10);
    h.feed(ok("checkout", "production", resolvedAt.minusMillis(300)));
    h.deliver();
    for (int minute = 1; minute <= 20; minute++) {
      h.clock.set(resolvedAt.plus(Duration.ofMinutes(minute)));
      h.alerting.tick();
      h.deliver();
    }
    // The resolution, then one re-send a minute until 15 minutes after it.
    assertThat(endsAt).hasSize(15).containsOnly(resolvedAt.toString());
  }

  @Test
  void theRealVirtualThreadWorkerDelivers() throws Exception {
    start();
    AtomicInteger delivered = new AtomicInteger();
    try (Alerting alerting = Alerting.builder(Rules.config(
            List.of(notifying(onProbe("checkout-failing", "checkout", new ConsecutiveFailures(1)), "am")),
            List.of(), List.of(DeliveryHarness.webhook("am", WebhookFormat.ALERTMANAGER_API,
                receiver.url("/").toString()))))
        .listener(new io.cartprobe.alert.webhook.DeliveryListener() {
          @Override
          public void delivered(String webhook) {
            delivered.incrementAndGet();
          }
        })
        .build()) {
      assertThat(alerting.onResult(paymentRejected("checkout", "production", java.time.Instant.now())))
          .hasSize(1);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(delivered).hasValue(1));
      assertThat(alerting.pending()).isEmpty();
    }
  }
}
