package io.cartprobe.probe;

import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.JsonCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Tracing, headers, bodies, templates, classification and verdicts of whole runs. */
class RunBehaviourTest extends ServerTest {

  @Test
  void everyRequestCarriesUserAgentAndTraceparentOfTheRunsTrace() throws Exception {
    enqueue(200, "a");
    enqueue(200, "b");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a")).step(step("b", base() + "/b")).build(), env());

    assertThat(r.traceId()).matches("[0-9a-f]{32}");
    RecordedRequest a = take();
    RecordedRequest b = take();
    for (RecordedRequest req : new RecordedRequest[] {a, b}) {
      assertThat(req.getHeaders().get("User-Agent")).isEqualTo("cartprobe/1.2.3");
      assertThat(req.getHeaders().get("traceparent"))
          .matches("00-" + r.traceId() + "-[0-9a-f]{16}-01");
    }
    assertThat(a.getHeaders().get("traceparent")).isNotEqualTo(b.getHeaders().get("traceparent"));
    assertThat(b.getConnectionIndex()).as("steps share the run's connection").isEqualTo(0);
    assertThat(r.steps().get(1).timings().connect()).as("reused connection").isZero();
    assertThat(r.steps().get(0).timings().connect()).isPositive();
  }

  @Test
  void everyRequestOfAStepNamesTheStepsSpanAsParentRedirectsToo() throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(302)
        .addHeader("Location", base() + "/moved").build());
    enqueue(200, "here");
    enqueue(200, "b");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a")).step(step("b", base() + "/b")).build(), env());

    String hop1 = take().getHeaders().get("traceparent");
    String hop2 = take().getHeaders().get("traceparent");
    String next = take().getHeaders().get("traceparent");
    assertThat(hop1).isEqualTo("00-" + r.traceId() + "-" + r.steps().get(0).spanId() + "-01")
        .isEqualTo(hop2);
    assertThat(next).isEqualTo("00-" + r.traceId() + "-" + r.steps().get(1).spanId() + "-01");
    assertThat(r.spanId()).matches("[0-9a-f]{16}")
        .isNotIn(r.steps().get(0).spanId(), r.steps().get(1).spanId());
    assertThat(r.steps().get(0).startedAt()).hasValueSatisfying(t ->
        assertThat(t).isAfterOrEqualTo(r.startedAt()).isBeforeOrEqualTo(r.steps().get(1).startedAt().orElseThrow()));
  }

  @Test
  void eachRunHasItsOwnTraceAndFreshConnection() throws Exception {
    enqueue(200, "a");
    enqueue(200, "b");
    ProbeRunner runner = Fixtures.runner();
    var probe = checkout("p").step(step("a", base() + "/a")).build();

    ProbeResult first = runner.run(probe, env());
    ProbeResult second = runner.run(probe, env());

    assertThat(first.traceId()).isNotEqualTo(second.traceId());
    take();
    assertThat(take().getConnectionIndex()).isEqualTo(1);
    assertThat(second.steps().getFirst().timings().connect()).isPositive();
  }

  @Test
  void environmentHeadersAreSentAndStepHeadersWin() throws Exception {
    enqueue(200, "ok");

    Fixtures.runner().run(checkout("p").step(step("a", base() + "/a")
            .header("x-channel", "step").header("Accept", "application/json")).build(),
        env(Map.of(), Map.of("X-Synthetic-Check", "cartprobe", "X-Channel", "env"), Map.of()));

    RecordedRequest req = take();
    assertThat(req.getHeaders().get("X-Synthetic-Check")).isEqualTo("cartprobe");
    assertThat(req.getHeaders().values("X-Channel")).containsExactly("step");
    assertThat(req.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void templateLookupOrderAndBuiltIns() throws Exception {
    enqueue(200, "ok");

    ProbeResult r = Fixtures.runner().run(checkout("p").var("region", "probe-eu")
            .step(step("a", "{{base_url}}/a?r={{region}}&e={{env_name}}&p={{probe_name}}"
                + "&t={{now_unix}}&k={{secret.key}}")
                .header("X-Request-Id", "{{uuid}}").header("X-Now", "{{now_iso}}")
                .header("X-Rand", "{{random_int}}"))
            .build(),
        env(Map.of("base_url", base(), "region", "env-us"), Map.of(), Map.of("key", "k-1")));

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    RecordedRequest req = take();
    assertThat(req.getTarget())
        .isEqualTo("/a?r=probe-eu&e=staging&p=p&t=1767323045&k=k-1");
    assertThat(req.getHeaders().get("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(req.getHeaders().get("X-Now")).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(req.getHeaders().get("X-Rand")).matches("\\d+");
    assertThat(r.steps().getFirst().url()).endsWith("k=***");
  }

  @Test
  void unresolvableTemplateFailsTheStepWithTemplate() {
    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/carts/{{cart_id}}").component("cart-service"))
        .step(step("b", base() + "/b")).build(), env());

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.TEMPLATE);
    assertThat(f.message()).contains("{{cart_id}}");
    assertThat(r.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void jsonFormAndRawBodiesAreRenderedAndTyped() throws Exception {
    enqueue(200, "1");
    enqueue(200, "2");
    enqueue(200, "3");

    Fixtures.runner().run(checkout("p").var("sku", "SKU-9")
        .step(step("json", base() + "/j").method("POST")
            .json(Map.of("sku", "{{sku}}", "qty", 2, "tags", java.util.List.of("{{sku}}"))))
        .step(step("form", base() + "/f").method("POST").form(Map.of("sku", "{{sku}}")))
        .step(step("raw", base() + "/r").method("POST").raw("sku={{sku}}")
            .header("Content-Type", "application/xml"))
        .build(), env());

    RecordedRequest json = take();
    assertThat(json.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json.getBody().utf8()).contains("\"sku\":\"SKU-9\"").contains("\"qty\":2")
        .contains("\"tags\":[\"SKU-9\"]");
    RecordedRequest form = take();
    assertThat(form.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(form.getBody().utf8()).isEqualTo("sku=SKU-9");
    RecordedRequest raw = take();
    assertThat(raw.getHeaders().get("Content-Type")).startsWith("application/xml");
    assertThat(raw.getBody().utf8()).isEqualTo("sku=SKU-9");
  }

  @Test
  void classifyNamesTheFailureOnStepAndFailure() {
    enqueueJson(402, "{\"error\": {\"type\": \"card_declined\"}}");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("pay", base() + "/pay").component("payment-gateway").expect(expect().status(200))
            .classify(expect().json("$.error.type",
                new JsonCheck.Equals("invalid_request_error")), "gateway_rejected")
            .classify(expect().status(402).json("$.error.type",
                new JsonCheck.Equals("card_declined")), "card_declined")
            .classify(expect().status(402), "payment_required"))
        .build(), env());

    assertThat(r.failure().orElseThrow().classification()).contains("card_declined");
    assertThat(r.steps().getFirst().classification()).contains("card_declined");
    assertThat(r.failure().orElseThrow().component()).isEqualTo("payment-gateway");
  }

  @Test
  void noClassifierMatchingLeavesItEmpty() {
    enqueue(500, "oops");

    ProbeResult r = Fixtures.runner().run(checkout("p").step(step("pay", base() + "/pay")
        .classify(expect().bodyContains("declined"), "declined")).build(), env());

    assertThat(r.failure().orElseThrow().classification()).isEmpty();
  }

  @Test
  void slowButOtherwiseFineStepMakesTheRunDegraded() {
    server.enqueue(new MockResponse.Builder().body("ok")
        .headersDelay(200, TimeUnit.MILLISECONDS).build());

    ProbeResult r = Fixtures.runner().run(checkout("p").step(step("a", base() + "/a")
        .expect(expect().degradedLatency(Duration.ofMillis(50))
            .maxLatency(Duration.ofSeconds(30)))).build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps().getFirst().status()).isEqualTo(StepStatus.DEGRADED);
  }

  @Test
  void degradedStepFollowedByAFailureIsAFailure() {
    server.enqueue(new MockResponse.Builder().body("ok")
        .headersDelay(200, TimeUnit.MILLISECONDS).build());
    enqueue(500, "no");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a").expect(expect().degradedLatency(Duration.ofMillis(50))))
        .step(step("b", base() + "/b")).build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
  }

  @Test
  void cardNumbersInAnExcerptAndEnvironmentSecretsInUrlsAreRedacted() {
    enqueueJson(400, "{\"card\": \"4242 4242 4242 4242\", \"echo\": \"sk_live_abc\"}");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("pay", base() + "/pay?key={{secret.gateway_key}}").method("POST")
            .json(Map.of("card", "4242424242424242"))
            .expect(expect().status(200).json("$.echo", new JsonCheck.Equals("x"))))
        .build(), env(Map.of(), Map.of(), Map.of("gateway_key", "sk_live_abc")));

    StepResult pay = r.steps().getFirst();
    assertThat(pay.url()).endsWith("/pay?key=***");
    assertThat(pay.bodyExcerpt().orElseThrow()).isEqualTo("{\"card\": \"***\", \"echo\": \"***\"}");
    assertThat(r.toString()).doesNotContain("sk_live_abc").doesNotContain("4242 4242");
  }

  @Test
  void excerptIsCappedAt2KiB() {
    enqueue(500, "é".repeat(5000));

    ProbeResult r = Fixtures.runner().run(checkout("p").step(step("a", base() + "/a")).build(),
        env());

    assertThat(r.steps().getFirst().bodyExcerpt().orElseThrow()).hasSizeLessThanOrEqualTo(2048)
        .startsWith("ééé").endsWith("[truncated]");
  }

  @Test
  void gatewayConfigProbeRunsItsSingleStep() {
    enqueueJson(200, "{\"charges_enabled\": false}");

    ProbeResult r = Fixtures.runner().run(Fixtures.gatewayConfig("gateway-config",
        step("gateway-config", base() + "/v1/account/config").component("payment-gateway")
            .expect(expect().json("$.charges_enabled", new JsonCheck.Equals(true))).build()),
        env());

    assertThat(r.probeType()).isEqualTo(io.cartprobe.config.ProbeType.GATEWAY_CONFIG);
    assertThat(r.failure().orElseThrow())
        .extracting(Failure::step, Failure::reason, Failure::component)
        .containsExactly("gateway-config", FailureReason.ASSERTION, "payment-gateway");
    assertThat(r.cleanup()).isEmpty();
  }
}
