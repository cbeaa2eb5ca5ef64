package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.notifying;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.WebhookFormat;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.testing.Results;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every format, as a real receiver on 127.0.0.1 gets it, field by field, signature verified. */
class PayloadFormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CHANGED = T0.plusSeconds(3);
  private static final Instant FIRED = T0.plusSeconds(40).plusMillis(300);
  private static final Instant RESOLVED = T0.plusSeconds(130).plusMillis(300);

  private final MockWebServer am = new MockWebServer();
  private final MockWebServer amApi = new MockWebServer();
  private final MockWebServer slack = new MockWebServer();
  private final MockWebServer json = new MockWebServer();
  private DeliveryHarness h;
  private String evidenceUrl;

  @BeforeEach
  void start() throws Exception {
    for (MockWebServer server : List.of(am, amApi, slack, json)) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(200).build());
      server.enqueue(new MockResponse.Builder().code(200).build());
    }
    h = new DeliveryHarness(
        List.of(notifying(rule("checkout-failing", new ConsecutiveFailures(2), 2), "am", "am-api", "slack", "json")),
        List.of(DeliveryHarness.webhook("am", WebhookFormat.ALERTMANAGER, am.url("/hook").toString()),
            DeliveryHarness.webhook("am-api", WebhookFormat.ALERTMANAGER_API, amApi.url("/").toString()),
            DeliveryHarness.webhook("slack", WebhookFormat.SLACK, slack.url("/services/T/B/X").toString()),
            DeliveryHarness.webhook("json", WebhookFormat.JSON, json.url("/events").toString())));
    h.clock.set(CHANGED);
    h.alerting.onConfigChange("gateway-config", "production", CHANGED, List.of(
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")));
    // As the agent's attribution would have found it for these runs.
    ProbableCause cause = new ProbableCause("gateway-config", "production", CHANGED,
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")),
        Optional.empty(), ProbableCause.Confidence.LIKELY,
        "authorize_payment (payment-gateway) depends on gateway-config (same component)");
    h.feed(paymentRejected("checkout", "production", T0.plusSeconds(10)).withProbableCause(cause));
    List<AlertEvent> firing = h.feed(paymentRejected("checkout", "production", T0.plusSeconds(40))
        .withProbableCause(cause));
    assertThat(firing).hasSize(1);
    evidenceUrl = "http://cartprobe.example:9781/incidents/" + firing.getFirst().episodeId();
    h.deliver();
  }

  @AfterEach
  void stop() {
    List.of(am, amApi, slack, json).forEach(MockWebServer::close);
  }

  private static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
    assertThat(request).as("a request arrived").isNotNull();
    return request;
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }

  private void resolve() {
    h.feed(ok("checkout", "production", T0.plusSeconds(100)));
    h.feed(ok("checkout", "production", T0.plusSeconds(130)));
    h.deliver();
  }

  @Test
  void alertmanagerWebhookPayloadVersion4() throws Exception {
    RecordedRequest request = take(am);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hook");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("User-Agent")).startsWith("cartprobe/");
    assertThat(request.getHeaders().get("X-Team")).isEqualTo("payments");
    Signatures.assertSigned(request, DeliveryHarness.SECRET);

    JsonNode p = body(request);
    assertThat(p.path("version").asText()).isEqualTo("4");
    assertThat(p.path("groupKey").asText())
        .isEqualTo("{}:{alertname=\"checkout-failing\", env=\"production\", probe=\"checkout\"}");
    assertThat(p.path("truncatedAlerts").asInt(-1)).isZero();
    assertThat(p.path("status").asText()).isEqualTo("firing");
    assertThat(p.path("receiver").asText()).isEqualTo("am");
    assertThat(JSON.convertValue(p.path("groupLabels"), java.util.Map.class)).isEqualTo(java.util.Map.of(
        "alertname", "checkout-failing", "env", "production", "probe", "checkout"));
    java.util.Map<String, String> labels = java.util.Map.of("alertname", "checkout-failing",
        "severity", "critical", "probe", "checkout", "env", "production", "location", "eu-west-1");
    assertThat(JSON.convertValue(p.path("commonLabels"), java.util.Map.class)).isEqualTo(labels);
    assertThat(p.path("externalURL").asText()).isEqualTo("http://cartprobe.example:9781/");
    assertThat(p.path("alerts").get(0).path("annotations").path("evidence_url").asText())
        .isEqualTo(evidenceUrl);
    assertThat(p.path("alerts")).hasSize(1);
    JsonNode a = p.path("alerts").get(0);
    assertThat(a.path("status").asText()).isEqualTo("firing");
    assertThat(JSON.convertValue(a.path("labels"), java.util.Map.class)).isEqualTo(labels);
    assertThat(a.path("startsAt").asText()).isEqualTo(FIRED.toString());
    assertThat(a.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(a.path("generatorURL").asText())
        .isEqualTo("http://cartprobe.example:9781/?probe=checkout&env=production");
    assertThat(a.path("fingerprint").asText()).matches("[0-9a-f]{16}");
    JsonNode ann = a.path("annotations");
    assertThat(ann.path("summary").asText()).isEqualTo(
        "checkout-failing: checkout@production step authorize_payment (payment-gateway) status [gateway_rejected]");
    assertThat(ann.path("description").asText()).contains("Expected: 200").contains("Actual: 500");
    assertThat(ann.path("runbook_url").asText()).isEqualTo(Rules.RUNBOOK);
    assertThat(ann.path("failed_step").asText()).isEqualTo("authorize_payment");
    assertThat(ann.path("component").asText()).isEqualTo("payment-gateway");
    assertThat(ann.path("reason").asText()).isEqualTo("status");
    assertThat(ann.path("trace_id").asText()).isEqualTo(Results.TRACE);
    assertThat(ann.path("probable_cause").asText()).isEqualTo(
        "gateway-config changed $.request_signing \"hmac-sha256\" -> \"rsa-pss-sha512\" at " + CHANGED);
    assertThat(p.path("commonAnnotations")).isEqualTo(ann);

    resolve();
    JsonNode r = body(take(am));
    assertThat(r.path("status").asText()).isEqualTo("resolved");
    assertThat(r.path("alerts").get(0).path("status").asText()).isEqualTo("resolved");
    assertThat(r.path("alerts").get(0).path("endsAt").asText()).isEqualTo(RESOLVED.toString());
    assertThat(r.path("alerts").get(0).path("fingerprint")).isEqualTo(a.path("fingerprint"));
  }

  @Test
  void alertmanagerApiPush() throws Exception {
    RecordedRequest request = take(amApi);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/alerts");
    Signatures.assertSigned(request, DeliveryHarness.SECRET);
    JsonNode alerts = body(request);
    assertThat(alerts.isArray()).isTrue();
    assertThat(alerts).hasSize(1);
    JsonNode a = alerts.get(0);
    assertThat(a.properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("labels", "annotations", "startsAt", "endsAt", "generatorURL");
    assertThat(a.path("labels").path("alertname").asText()).isEqualTo("checkout-failing");
    assertThat(a.path("labels").path("location").asText()).isEqualTo("eu-west-1");
    assertThat(a.path("annotations").path("failed_step").asText()).isEqualTo("authorize_payment");
    assertThat(a.path("startsAt").asText()).isEqualTo(FIRED.toString());
    // endsAt = now + 4 × max(interval, 1m); the probe's interval is unknown here: 1m.
    assertThat(a.path("endsAt").asText()).isEqualTo(FIRED.plus(Duration.ofMinutes(4)).toString());

    resolve();
    JsonNode r = body(take(amApi)).get(0);
    assertThat(r.path("endsAt").asText()).isEqualTo(RESOLVED.toString());
  }

  @Test
  void slackIncomingWebhookText() throws Exception {
    RecordedRequest request = take(slack);
    Signatures.assertSigned(request, DeliveryHarness.SECRET);
    JsonNode p = body(request);
    assertThat(p.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("text");
    assertThat(p.path("text").asText()).isEqualTo("""
        *FIRING* [critical] checkout-failing: checkout@production location=eu-west-1
        2 consecutive failures (alert at 2)
        Failed step: *authorize_payment* (component payment-gateway), reason status, classified gateway_rejected
        > status: expected 200, got 500
        Expected: `200`
        Actual: `500`
        Probable cause (likely): gateway-config changed $.request_signing "hmac-sha256" -&gt; "rsa-pss-sha512" at 2024-05-09T17:00:03Z
        Failing since 2024-05-09T17:00:10Z, 2 runs failed
        Runbook: <https://wiki.example.com/runbooks/checkout>
        Trace id: `4bf92f3577b34da6a3ce929d0e0e4736`
        Evidence for the provider: <EVIDENCE>""".replace("EVIDENCE", evidenceUrl));

    resolve();
    assertThat(body(take(slack)).path("text").asText()).isEqualTo("""
        *RESOLVED* [critical] checkout-failing: checkout@production location=eu-west-1
        Resolved after 1m 30s (firing since 2024-05-09T17:00:40.300Z)""");
  }

  @Test
  void cartprobesOwnJsonEvent() throws Exception {
    RecordedRequest request = take(json);
    Signatures.assertSigned(request, DeliveryHarness.SECRET);
    JsonNode e = body(request);
    assertThat(e.path("schema").asText()).isEqualTo(EventJson.SCHEMA);
    assertThat(e.path("kind").asText()).isEqualTo("firing");
    assertThat(e.path("status").asText()).isEqualTo("firing");
    assertThat(e.path("alert").asText()).isEqualTo("checkout-failing");
    assertThat(e.path("severity").asText()).isEqualTo("critical");
    assertThat(e.path("probe").asText()).isEqualTo("checkout");
    assertThat(e.path("env").asText()).isEqualTo("production");
    assertThat(e.path("labels").path("location").asText()).isEqualTo("eu-west-1");
    assertThat(e.path("startsAt").asText()).isEqualTo(FIRED.toString());
    assertThat(e.path("endsAt").isNull()).isTrue();
    assertThat(e.path("failuresBegan").asText()).isEqualTo("2024-05-09T17:00:10Z");
    assertThat(e.path("failedRuns").asInt()).isEqualTo(2);
    JsonNode f = e.path("failure");
    assertThat(f.path("step").asText()).isEqualTo("authorize_payment");
    assertThat(f.path("component").asText()).isEqualTo("payment-gateway");
    assertThat(f.path("reason").asText()).isEqualTo("status");
    assertThat(f.path("expected").asText()).isEqualTo("200");
    assertThat(f.path("actual").asText()).isEqualTo("500");
    assertThat(f.path("classification").asText()).isEqualTo("gateway_rejected");
    assertThat(f.path("bodyExcerpt").asText()).contains("database_error").contains("***");
    assertThat(e.path("traceId").asText()).isEqualTo(Results.TRACE);
    JsonNode c = e.path("probableCause");
    assertThat(c.path("probe").asText()).isEqualTo("gateway-config");
    assertThat(c.path("changes").get(0).path("path").asText()).isEqualTo("$.request_signing");
    assertThat(c.path("changes").get(0).path("before").asText()).isEqualTo("\"hmac-sha256\"");
    assertThat(c.path("changes").get(0).path("after").asText()).isEqualTo("\"rsa-pss-sha512\"");
    assertThat(c.path("confidence").asText()).isEqualTo("likely");
    assertThat(c.path("why").asText()).startsWith("authorize_payment (payment-gateway) depends on");
    assertThat(e.path("causeNote").isNull()).isTrue();
    assertThat(e.path("runbook").asText()).isEqualTo(Rules.RUNBOOK);
    assertThat(e.path("receiver").asText()).isEqualTo("json");

    resolve();
    JsonNode r = body(take(json));
    assertThat(r.path("kind").asText()).isEqualTo("resolved");
    assertThat(r.path("endsAt").asText()).isEqualTo(RESOLVED.toString());
    assertThat(r.path("durationSeconds").asDouble()).isEqualTo(90.0);
  }
}
