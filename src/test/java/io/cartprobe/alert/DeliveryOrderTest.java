package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.onProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.ClosingReceiver;
import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery order where it matters (one alert instance: firing before its resolution) and
 * nowhere else: a receiver failing or hanging for one alert does not hold up another's.
 */
class DeliveryOrderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<AlertRule> RULES =
      List.of(notifying(onProbe("checkout-failing", "checkout", new ConsecutiveFailures(1)), "oncall"));

  private final MockWebServer receiver = new MockWebServer();
  /** "env kind" of every request, in arrival order, whatever the answer. */
  private final List<String> arrived = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** Production's notifications are answered 503 "come back in 30s" while it is down. */
  private void start(AtomicBoolean productionDown) throws IOException {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        JsonNode event = event(request);
        arrived.add(event.path("env").asText() + " " + event.path("kind").asText());
        if (event.path("env").asText().equals("production") && productionDown.get()) {
          return new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build();
        }
        return new MockResponse.Builder().code(204).build();
      }
    });
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private static JsonNode event(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DeliveryHarness harness() {
    return new DeliveryHarness(RULES,
        List.of(DeliveryHarness.webhook("oncall", WebhookFormat.JSON, receiver.url("/hook").toString())));
  }

  @Test
  void anAlertFailingToDeliverDoesNotHoldAnotherAlertsNotification() throws Exception {
    start(new AtomicBoolean(true));
    DeliveryHarness h = harness();
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    Instant firstAttempt = h.clock.instant();
    Instant productionRetry = firstAttempt.plusSeconds(30);
    assertThat(h.scheduler.nextDue()).contains(productionRetry);

    h.feed(paymentRejected("checkout", "staging", T0.plusSeconds(5)));
    h.deliver();

    assertThat(h.clock.instant()).isBefore(productionRetry);
    assertThat(arrived).containsExactly("production firing", "staging firing");
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(1);
    assertThat(h.alerting.pending()).singleElement().satisfies(p -> {
      assertThat(p.dedupKey()).isEqualTo("checkout-failing{checkout@production}");
      assertThat(p.notBefore()).isEqualTo(productionRetry);
    });
  }

  @Test
  void oneAlertsResolutionWaitsForItsFiringWhileOthersGoAhead() throws Exception {
    AtomicBoolean productionDown = new AtomicBoolean(true);
    start(productionDown);
    DeliveryHarness h = harness();
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    h.feed(ok("checkout", "production", T0.plusSeconds(5)));
    h.feed(paymentRejected("checkout", "staging", T0.plusSeconds(6)));
    h.deliver();
    // production's resolution is not even tried while its firing waits to be retried
    assertThat(arrived).containsExactly("production firing", "staging firing");

    productionDown.set(false);
    h.deliverUntil(T0.plus(Duration.ofMinutes(5)));
    assertThat(arrived).containsExactly(
        "production firing", "staging firing", "production firing", "production resolved");
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(3);
    assertThat(h.alerting.pending()).isEmpty();
  }

  @Test
  void atMostFourAttemptsAreUnderWayToOneUrl() throws Exception {
    start(new AtomicBoolean(false));
    DeliveryHarness h = harness();
    for (int i = 1; i <= 6; i++) {
      h.feed(paymentRejected("checkout", "env" + i, T0));
    }
    // Nothing has run yet: four attempts hold the four slots, two wait for one to free.
    assertThat(h.scheduler.delays()).hasSize(4);
    h.deliver();
    assertThat(h.scheduler.delays()).hasSize(6);
    assertThat(arrived).hasSize(6).startsWith("env1 firing", "env2 firing", "env3 firing", "env4 firing");
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(6);
  }

  @Test
  void aReceiverHangingOnOneAlertDoesNotHoldAnother() throws Exception {
    CountDownLatch stagingArrived = new CountDownLatch(1);
    AtomicBoolean productionAnsweredAfterStaging = new AtomicBoolean();
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String env = event(request).path("env").asText();
        arrived.add(env);
        if (env.equals("production")) {
          // Hangs until staging's notification arrives, or far past any machine's noise.
          productionAnsweredAfterStaging.set(stagingArrived.await(20, TimeUnit.SECONDS));
        } else {
          stagingArrived.countDown();
        }
        return new MockResponse.Builder().code(204).build();
      }
    });
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    Webhook slowTimeout = new Webhook("oncall", List.of(receiver.url("/hook").toString()),
        WebhookFormat.JSON, Optional.empty(), true, Duration.ofSeconds(30), Map.of());
    AtomicInteger delivered = new AtomicInteger();
    try (Alerting alerting = Alerting.builder(Rules.config(RULES, List.of(), List.of(slowTimeout)))
        .listener(new DeliveryListener() {
          @Override
          public void delivered(String webhook) {
            delivered.incrementAndGet();
          }
        })
        .build()) {
      Instant now = Instant.now();
      alerting.onResult(paymentRejected("checkout", "production", now));
      await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("production"));
      alerting.onResult(paymentRejected("checkout", "staging", now));
      await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> assertThat(delivered).hasValue(2));
    }
    assertThat(arrived).containsExactly("production", "staging");
    assertThat(productionAnsweredAfterStaging).isTrue();
  }

  @Test
  void aReceiverClosingTheConnectionAfterEveryAnswerGetsEverythingWithoutARetry() throws Exception {
    try (ClosingReceiver closing = new ClosingReceiver()) {
      DeliveryHarness h = new DeliveryHarness(RULES,
          List.of(DeliveryHarness.webhook("oncall", WebhookFormat.JSON, closing.url("/hook"))));
      int notifications = 0;
      for (int i = 0; i < 10; i++) {
        Instant at = T0.plusSeconds(10L * i);
        notifications += (i % 2 == 0 ? h.feed(paymentRejected("checkout", "production", at))
            : h.feed(ok("checkout", "production", at))).size();
        h.deliver();
      }
      assertThat(notifications).isEqualTo(10);
      assertThat(closing.bodies).hasSize(10);
      assertThat(h.counts.deliveredCount("oncall")).isEqualTo(10);
      assertThat(h.counts.retriedCount("oncall")).isZero();
      assertThat(h.alerting.pending()).isEmpty();
      assertThat(h.alerting.deadLetters()).isEmpty();
    }
  }
}
