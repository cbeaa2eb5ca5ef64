package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.AlertLabels;
import io.cartprobe.alert.webhook.DeliveryPolicy;
import io.cartprobe.alert.webhook.Fingerprint;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * format: pagerduty against a receiver that applies the Events API v2 field rules as documented
 * (required fields, the severity enum, summary ≤ 1024, dedup_key ≤ 255, links need an href) and
 * answers 202, or 400 with what it rejected, like PagerDuty.
 */
class PagerDutyFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "R0123456789abcdef0123456789ABCDE";
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private final MockWebServer receiver = new MockWebServer();
  private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  /** Answers to give before the rules are applied (429, 500 ...), in order. */
  private final ConcurrentLinkedQueue<Integer> failFirst = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws Exception {
    receiver.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Integer fail = failFirst.poll();
        if (fail != null) {
          return new MockResponse.Builder().code(fail).build();
        }
        try {
          JsonNode event = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
          List<String> errors = violations(event);
          if (errors.isEmpty()) {
            accepted.add(event);
            return new MockResponse.Builder().code(202).body(
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                    + JSON.writeValueAsString(event.path("dedup_key").asText()) + "}").build();
          }
          rejected.addAll(errors);
          return new MockResponse.Builder().code(400).body(JSON.writeValueAsString(Map.of(
              "status", "invalid event", "message", "Event object is invalid", "errors", errors)))
              .build();
        } catch (Exception e) {
          rejected.add("not JSON: " + e.getMessage());
          return new MockResponse.Builder().code(400).build();
        }
      }
    });
    receiver.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** The Events API v2 rules for an alert event, as its documentation states them. */
  static List<String> violations(JsonNode e) {
    List<String> errors = new ArrayList<>();
    if (!e.path("routing_key").isTextual() || e.path("routing_key").asText().length() != 32) {
      errors.add("routing_key must be the 32-character integration key");
    }
    String action = e.path("event_action").asText();
    if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
      errors.add("event_action must be trigger, acknowledge or resolve");
    }
    if (e.has("dedup_key") && e.path("dedup_key").asText().length() > 255) {
      errors.add("dedup_key is longer than 255 characters");
    }
    if (!action.equals("trigger")) {
      if (!e.path("dedup_key").isTextual()) {
        errors.add("dedup_key is required to " + action);
      }
      return errors;
    }
    JsonNode p = e.path("payload");
    for (String required : List.of("summary", "source", "severity")) {
      if (!p.path(required).isTextual() || p.path(required).asText().isEmpty()) {
        errors.add("payload." + required + " is required");
      }
    }
    if (p.path("summary").asText().length() > 1024) {
      errors.add("payload.summary is longer than 1024 characters");
    }
    if (!SEVERITIES.contains(p.path("severity").asText())) {
      errors.add("payload.severity must be critical, error, warning or info");
    }
    if (p.has("timestamp")) {
      try {
        Instant.parse(p.path("timestamp").asText());
      } catch (RuntimeException bad) {
        errors.add("payload.timestamp is not ISO 8601");
      }
    }
    if (p.has("custom_details") && !p.path("custom_details").isObject()) {
      errors.add("payload.custom_details must be an object");
    }
    for (JsonNode link : e.path("links")) {
      if (!link.path("href").isTextual()) {
        errors.add("links[].href is required");
      }
    }
    return errors;
  }

  private DeliveryHarness harness(AlertRule rule) {
    Webhook pagerduty = new Webhook("pagerduty", List.of(receiver.url("/v2/enqueue").toString()),
        WebhookFormat.PAGERDUTY, Optional.empty(), true, Duration.ofSeconds(2), Map.of(),
        Optional.of(KEY));
    return new DeliveryHarness(List.of(notifying(rule, "pagerduty")), List.of(pagerduty),
        DeliveryPolicy.defaults());
  }

  private static ProbableCause cause() {
    return new ProbableCause("gateway-config", "production", T0.plusSeconds(3),
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")),
        Optional.empty(), ProbableCause.Confidence.LIKELY,
        "authorize_payment (payment-gateway) depends on gateway-config (same component)");
  }

  @Test
  void aTriggerCarriesTheDocumentedFieldsAndTheResolveHitsTheSameIncident() {
    DeliveryHarness h = harness(rule("checkout-failing", new ConsecutiveFailures(1), 1));
    List<AlertEvent> fired = h.feed(
        paymentRejected("checkout", "production", T0).withProbableCause(cause()));
    h.deliver();
    h.feed(ok("checkout", "production", T0.plusSeconds(30)));
    h.deliver();

    assertThat(rejected).isEmpty();
    assertThat(accepted).hasSize(2);
    String fingerprint = Fingerprint.of(AlertLabels.labels(fired.getFirst()));
    JsonNode trigger = accepted.get(0);
    assertThat(trigger.path("routing_key").asText()).isEqualTo(KEY);
    assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
    assertThat(trigger.path("dedup_key").asText()).isEqualTo(fingerprint).hasSize(16);
    JsonNode p = trigger.path("payload");
    assertThat(p.path("summary").asText()).isEqualTo(
        "checkout-failing: checkout@production step authorize_payment (payment-gateway) status [gateway_rejected]");
    assertThat(p.path("severity").asText()).isEqualTo("critical");
    assertThat(p.path("source").asText()).isEqualTo("cartprobe:checkout@production");
    assertThat(p.path("component").asText()).isEqualTo("payment-gateway");
    assertThat(p.path("group").asText()).isEqualTo("production");
    assertThat(p.path("class").asText()).isEqualTo("gateway_rejected");
    JsonNode d = p.path("custom_details");
    assertThat(d.path("step").asText()).isEqualTo("authorize_payment");
    assertThat(d.path("reason").asText()).isEqualTo("status");
    assertThat(d.path("trace_id").asText()).isNotEmpty();
    assertThat(d.path("probable_cause").path("confidence").asText()).isEqualTo("likely");
    assertThat(d.path("probable_cause").path("why").asText()).contains("depends on gateway-config");
    assertThat(d.path("probable_cause").path("summary").asText()).contains("request_signing");
    assertThat(trigger.path("links").findValuesAsText("href")).containsExactly(
        Rules.RUNBOOK,
        "http://cartprobe.example:9781/?probe=checkout&env=production",
        "http://cartprobe.example:9781/incidents/" + fired.getFirst().episodeId(),
        "http://cartprobe.example:9781/?probe=gateway-config&env=production");

    JsonNode resolve = accepted.get(1);
    assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.path("dedup_key").asText()).isEqualTo(fingerprint);
    assertThat(resolve.path("routing_key").asText()).isEqualTo(KEY);
  }

  @Test
  void aSummaryOverPagerDutysLimitIsCutTo1024Characters() {
    DeliveryHarness h = harness(rule("checkout-" + "x".repeat(1100), new ConsecutiveFailures(1), 1));
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    assertThat(rejected).isEmpty();
    assertThat(accepted).singleElement().satisfies(e -> {
      assertThat(e.path("payload").path("summary").asText()).hasSize(1024).endsWith("…");
      assertThat(e.path("dedup_key").asText().length()).isLessThanOrEqualTo(255);
    });
  }

  @Test
  void rateLimitedAndServerErrorsAreRetriedTheSameEventAndTheKeyIsNeverQueued() {
    failFirst.add(429);
    failFirst.add(503);
    DeliveryHarness h = harness(rule("checkout-failing", new ConsecutiveFailures(1), 1));
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliver();
    // Waiting after the 429: the routing key is added per attempt, never stored.
    assertThat(h.alerting.pending()).singleElement().satisfies(pending -> {
      assertThat(pending.body()).doesNotContain(KEY);
      // PagerDuty asks for a backoff of minutes after a 429.
      assertThat(pending.notBefore()).isAfterOrEqualTo(h.clock.instant().plus(Duration.ofMinutes(1)));
    });
    assertThat(h.lastSaved().toString()).doesNotContain(KEY);
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(3);
    assertThat(h.counts.retriedCount("pagerduty")).isEqualTo(2);
    assertThat(h.counts.deliveredCount("pagerduty")).isEqualTo(1);
    assertThat(accepted).singleElement()
        .satisfies(e -> assertThat(e.path("event_action").asText()).isEqualTo("trigger"));
  }

  @Test
  void aBadRequestIsNotRetried() {
    failFirst.add(400);
    DeliveryHarness h = harness(rule("checkout-failing", new ConsecutiveFailures(1), 1));
    h.feed(paymentRejected("checkout", "production", T0));
    h.deliverUntil(T0.plus(Duration.ofHours(1)));
    assertThat(receiver.getRequestCount()).isEqualTo(1);
    assertThat(h.counts.dropped).containsExactly("pagerduty: HTTP 400");
  }
}
