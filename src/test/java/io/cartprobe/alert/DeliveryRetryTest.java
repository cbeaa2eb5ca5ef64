package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cartprobe.alert.webhook.Backoff;
import io.cartprobe.alert.webhook.DeliveryQueue;
import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.WebhookFormat;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Which answers are retried, when, and what is given up on. */
class DeliveryRetryTest {

  private final MockWebServer receiver = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private DeliveryHarness harness(DeliveryPolicy policy) {
    return new DeliveryHarness(
        List.of(notifying(rule("checkout-failing", new ConsecutiveFailures(1), 1), "oncall")),
        List.of(DeliveryHarness.webhook("oncall", WebhookFormat.JSON, receiver.url("/hook").toString())),
        policy);
  }

  private DeliveryHarness fired(DeliveryPolicy policy) {
    DeliveryHarness h = harness(policy);
    assertThat(h.feed(paymentRejected("checkout", "production", T0))).hasSize(1);
    return h;
  }

  private void answer(int code, String... retryAfter) {
    var response = new MockResponse.Builder().code(code);
    for (String value : retryAfter) {
      response.addHeader("Retry-After", value);
    }
    receiver.enqueue(response.build());
  }

  @Test
  void a4xxIsNotRetriedButDroppedCountedAndKept() {
    answer(400);
    DeliveryHarness h = fired(DeliveryPolicy.defaults());
    h.deliverUntil(T0.plus(Duration.ofDays(2)));
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(h.counts.retriedCount("oncall")).isZero();
    assertThat(h.counts.dropped).containsExactly("oncall: HTTP 400");
    assertThat(h.alerting.pending()).isEmpty();
    assertThat(h.alerting.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.webhook()).isEqualTo("oncall");
      assertThat(d.kind()).isEqualTo("firing");
      assertThat(d.alert()).isEqualTo("checkout-failing{checkout@production}");
      assertThat(d.why()).isEqualTo("HTTP 400");
    });
    assertThat(h.lastSaved().deadLetters()).hasSize(1);
  }

  @Test
  void requestTimeoutAndTooManyRequestsAreRetried() {
    answer(408);
    answer(429);
    answer(200);
    DeliveryHarness h = fired(DeliveryPolicy.defaults());
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(3);
    assertThat(h.counts.retriedCount("oncall")).isEqualTo(2);
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(1);
    assertThat(h.counts.dropped).isEmpty();
  }

  @Test
  void retryAfterInSecondsIsHonouredExactly() {
    answer(429, "120");
    answer(200);
    DeliveryHarness h = fired(DeliveryPolicy.defaults());
    Instant firstAttempt = h.clock.instant();
    h.deliver();
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(h.scheduler.nextDue()).contains(firstAttempt.plusSeconds(120));
    h.clock.set(firstAttempt.plusSeconds(119));
    h.deliver();
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    h.clock.set(firstAttempt.plusSeconds(120));
    h.deliver();
    assertThat(receiver.getRequestCount()).isEqualTo(2);
    assertThat(h.counts.deliveredCount("oncall")).isEqualTo(1);
  }

  @Test
  void theRetryIsLoggedWithItsWaitInWords() {
    Logger queueLog = (Logger) LoggerFactory.getLogger(DeliveryQueue.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    queueLog.addAppender(logged);
    try {
      answer(503, "120");
      answer(200);
      DeliveryHarness h = fired(DeliveryPolicy.defaults());
      h.deliver();
    } finally {
      queueLog.detachAppender(logged);
    }
    assertThat(logged.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
        .endsWith(": HTTP 503; attempt 2 in 2m"));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    DeliveryHarness h = harness(DeliveryPolicy.defaults());
    Instant firstAttempt = T0.plusMillis(300);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        firstAttempt.plusSeconds(300).atOffset(ZoneOffset.UTC));
    answer(503, date);
    answer(200);
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    // The date has whole seconds; the wait ends at that second.
    assertThat(h.scheduler.nextDue()).contains(firstAttempt.plusSeconds(300).minusMillis(300));
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(2);
  }

  @Test
  void serverErrorsAreRetriedWithFullJitterWithinExponentialBounds() {
    for (int i = 0; i < 6; i++) {
      answer(500);
    }
    answer(200);
    DeliveryHarness h = fired(DeliveryPolicy.defaults());
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(7);
    assertThat(h.counts.retriedCount("oncall")).isEqualTo(6);
    List<Duration> waits = h.scheduler.delays().stream().skip(1).toList();  // the first is the kick
    assertThat(waits).hasSize(6);
    Backoff bounds = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom());
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i)).as("wait after failure %d", i + 1)
          .isBetween(Duration.ZERO, bounds.ceiling(i + 1));
    }
    assertThat(bounds.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(bounds.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(bounds.ceiling(20)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aNotificationThatExhaustsItsRetriesIsDroppedAndKept() {
    for (int i = 0; i < 3; i++) {
      answer(502);
    }
    DeliveryHarness h = fired(new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3,
        Duration.ofHours(24)));
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(3);
    assertThat(h.counts.dropped).containsExactly("oncall: HTTP 502; gave up after 3 attempts");
    assertThat(h.alerting.deadLetters()).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(3));
    assertThat(h.alerting.pending()).isEmpty();
  }

  @Test
  void aNotificationOlderThanItsMaxAgeExpires() {
    answer(429, "3600");
    DeliveryHarness h = fired(new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 500,
        Duration.ofMinutes(30)));
    h.deliverUntil(T0.plus(Duration.ofHours(2)));
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(h.counts.dropped).containsExactly("oncall: HTTP 429; expired after 1 attempt");
  }
}
