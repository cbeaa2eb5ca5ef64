package io.cartprobe.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real runs against a real shop (mockwebserver3), exported to a real OTLP/HTTP receiver: one
 * trace per run, whose step spans are the parents the shop's requests named.
 */
class TraceExportTest {

  static final String SECRET = "s3cr3t-key-123";

  private final MockWebServer shop = new MockWebServer();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProbeRunner runner =
      new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test");
  private OtlpHttpReceiver collector;
  private TraceSink sink;

  @BeforeEach
  void start() throws Exception {
    shop.start();
    collector = OtlpHttpReceiver.start();
  }

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close();
    }
    collector.close();
    shop.close();
  }

  /** A two-step checkout with a cleanup; the secret travels in a query and a header. */
  private CartprobeConfig config(String otlp, int retries) throws Exception {
    String base = shop.url("/").toString().replaceAll("/$", "");
    return new ConfigLoader(Map.of()).parse("probes.yaml", """
        agent:
          labels: {location: eu-west-1}
        %s
        environments:
          staging:
            vars: {base_url: "%s"}
            secrets: {api_key: "%s"}
        probes:
          - name: checkout
            type: checkout
            retries: %d
            timeout: 30s
            steps:
              - name: create_cart
                component: cart-service
                request:
                  method: POST
                  url: "{{base_url}}/api/carts?key={{secret.api_key}}"
                  headers: {Authorization: "Bearer {{secret.api_key}}", Idempotency-Key: "{{uuid}}"}
                  json: {sku: DEMO-SKU-1}
                expect: {status: 201}
                extract: {cart_id: $.id}
              - name: get_cart
                component: cart-service
                request: {url: "{{base_url}}/api/carts/{{cart_id}}"}
                expect: {json: {$.total: {gt: 0}}}
            cleanup:
              - name: delete_cart
                request: {method: DELETE, url: "{{base_url}}/api/carts/{{cart_id}}"}
        """.formatted(otlp, base, SECRET, retries), Path.of("."));
  }

  private CartprobeConfig config() throws Exception {
    return config("""
          otlp:
            endpoint: %s
        """.formatted(collector.endpoint()).stripTrailing(), 0);
  }

  private void json(int code, String body) {
    shop.enqueue(new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build());
  }

  private void passingCheckout() {
    json(201, "{\"id\": \"c-1\"}");
    json(200, "{\"total\": 5}");
    json(204, "");
  }

  private ProbeResult run(CartprobeConfig config) {
    return runner.run(config.probes().getFirst(), config.environments().get("staging"));
  }

  private TraceSink sink(CartprobeConfig config, Map<String, String> env) {
    sink = TraceSink.fromEnvironment(config, env, registry).orElseThrow();
    return sink;
  }

  /** The span ids the shop saw as parents, in request order, each checked for the trace id. */
  private List<String> parentsTheShopSaw(int requests, String traceId) throws Exception {
    List<String> parents = new java.util.ArrayList<>();
    for (int i = 0; i < requests; i++) {
      RecordedRequest request = shop.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("request %d reached the shop", i).isNotNull();
      String traceparent = request.getHeaders().get("traceparent");
      assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
      parents.add(traceparent.split("-")[2]);
    }
    return parents;
  }

  private static OtlpHttpReceiver.Received named(List<OtlpHttpReceiver.Received> spans,
      String name) {
    return spans.stream().filter(s -> s.span().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span named " + name + " in "
            + spans.stream().map(s -> s.span().getName()).toList()));
  }

  @Test
  void aRunIsOneTraceWhoseStepSpansAreTheParentsTheShopSaw() throws Exception {
    passingCheckout();
    CartprobeConfig config = config();
    ProbeResult result = run(config);
    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);

    sink(config, Map.of()).accept(result);
    assertThat(sink.flush(Duration.ofSeconds(30))).isTrue();

    List<String> parents = parentsTheShopSaw(3, result.traceId());
    List<OtlpHttpReceiver.Received> spans = collector.spansOf(result.traceId());
    assertThat(spans).hasSize(4);
    var root = named(spans, "checkout @ staging");
    var create = named(spans, "create_cart");
    var get = named(spans, "get_cart");
    var cleanup = named(spans, "cleanup delete_cart");

    assertThat(root.spanId()).isEqualTo(result.spanId());
    assertThat(root.span().getParentSpanId().isEmpty()).isTrue();
    assertThat(root.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
    assertThat(root.attributes()).containsEntry("cartprobe.probe", "checkout")
        .containsEntry("cartprobe.env", "staging").containsEntry("cartprobe.verdict", "success")
        .containsEntry("cartprobe.attempts", 1L).containsEntry("cartprobe.location", "eu-west-1");
    assertThat(root.resource()).containsEntry("service.name", "cartprobe");

    assertThat(List.of(create.spanId(), get.spanId(), cleanup.spanId()))
        .as("each step's span is the parent its request named")
        .containsExactlyElementsOf(parents)
        .containsExactly(result.steps().get(0).spanId(), result.steps().get(1).spanId(),
            result.cleanup().get(0).spanId());
    for (var child : List.of(create, get, cleanup)) {
      assertThat(child.parentSpanId()).isEqualTo(root.spanId());
      assertThat(child.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
      assertThat(child.span().getStartTimeUnixNano())
          .isBetween(root.span().getStartTimeUnixNano(), root.span().getEndTimeUnixNano());
      assertThat(child.span().getEndTimeUnixNano()).isLessThanOrEqualTo(root.span().getEndTimeUnixNano());
    }
    StepResult createStep = result.steps().getFirst();
    assertThat(create.span().getEndTimeUnixNano() - create.span().getStartTimeUnixNano())
        .isEqualTo(createStep.duration().toNanos());
    assertThat(create.attributes()).containsEntry("cartprobe.component", "cart-service")
        .containsEntry("http.request.method", "POST")
        .containsEntry("http.response.status_code", 201L)
        .containsEntry("url.full", createStep.url());
    assertThat(createStep.url()).endsWith("/api/carts?key=***");
    assertThat(cleanup.attributes()).containsEntry("cartprobe.cleanup", true)
        .containsEntry("http.request.method", "DELETE");
    for (byte[] body : collector.bodies()) {
      assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    }
  }

  @Test
  void aFailedAssertionIsAnEventOnTheFailedStepsErrorSpan() throws Exception {
    json(201, "{\"id\": \"c-1\"}");
    json(200, "{\"total\": 0}");
    json(204, "");
    CartprobeConfig config = config();
    ProbeResult result = run(config);
    assertThat(result.verdict()).isEqualTo(Verdict.FAILURE);

    sink(config, Map.of()).accept(result);
    assertThat(sink.flush(Duration.ofSeconds(30))).isTrue();

    List<OtlpHttpReceiver.Received> spans = collector.spansOf(result.traceId());
    var get = named(spans, "get_cart");
    assertThat(get.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(get.attributes()).containsEntry("error.type", "assertion");
    assertThat(get.span().getEventsList()).hasSize(1);
    Span.Event event = get.span().getEvents(0);
    assertThat(event.getName()).isEqualTo("assertion failed");
    assertThat(OtlpHttpReceiver.attributes(event.getAttributesList()))
        .containsEntry("cartprobe.assertion.check", "json $.total gt")
        .containsEntry("cartprobe.assertion.expected", "> 0")
        .containsEntry("cartprobe.assertion.actual", "0");
    var root = named(spans, "checkout @ staging");
    assertThat(root.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(root.attributes()).containsEntry("cartprobe.verdict", "failure")
        .containsEntry("cartprobe.failure.step", "get_cart")
        .containsEntry("cartprobe.failure.component", "cart-service")
        .containsEntry("cartprobe.failure.reason", "assertion");
    assertThat(named(spans, "create_cart").span().getStatus().getCode())
        .isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(spans).extracting(s -> s.span().getName()).contains("cleanup delete_cart");
  }

  @Test
  void aRetriedRunHasASpanForTheFailedAttemptHoldingItsSteps() throws Exception {
    json(201, "{\"id\": \"c-1\"}");
    json(500, "{}");
    json(204, "");
    passingCheckout();
    CartprobeConfig config = config("""
          otlp:
            endpoint: %s
        """.formatted(collector.endpoint()).stripTrailing(), 1);
    ProbeResult result = run(config);
    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(result.attempts()).isEqualTo(2);

    sink(config, Map.of()).accept(result);
    assertThat(sink.flush(Duration.ofSeconds(30))).isTrue();

    List<String> parents = parentsTheShopSaw(6, result.traceId());
    List<OtlpHttpReceiver.Received> spans = collector.spansOf(result.traceId());
    assertThat(spans).hasSize(8);
    var root = named(spans, "checkout @ staging");
    var attempt = named(spans, "attempt 1");
    assertThat(attempt.parentSpanId()).isEqualTo(root.spanId());
    assertThat(attempt.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attempt.attributes()).containsEntry("cartprobe.attempt", 1L)
        .containsEntry("cartprobe.failure.step", "get_cart");

    Map<String, OtlpHttpReceiver.Received> byId = new java.util.HashMap<>();
    spans.forEach(s -> byId.put(s.spanId(), s));
    List<String> parentOfEachRequest = parents.stream().map(id -> {
      assertThat(byId).as("the shop's parent %s is an exported span", id).containsKey(id);
      return byId.get(id).parentSpanId();
    }).toList();
    assertThat(parentOfEachRequest).as("attempt 1's three requests, then attempt 2's")
        .containsExactly(attempt.spanId(), attempt.spanId(), attempt.spanId(),
            root.spanId(), root.spanId(), root.spanId());
    assertThat(byId.get(parents.get(2)).span().getName()).isEqualTo("cleanup delete_cart");
    assertThat(byId.get(parents.get(4)).attributes()).containsEntry("cartprobe.attempt", 2L);
    assertThat(byId.get(parents.get(0)).attributes().get("url.full").toString())
        .as("the earlier attempt's steps are redacted too").endsWith("?key=***");
    for (byte[] body : collector.bodies()) {
      assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    }
  }

  @Test
  void theEnvironmentOverridesTheFileAndDescribesTheService() throws Exception {
    passingCheckout();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    CartprobeConfig config = config("""
          otlp:
            endpoint: http://127.0.0.1:%d
            headers: {X-Api-Key: "a b,c=d%%"}
        """.formatted(closedPort).stripTrailing(), 0);
    ProbeResult result = run(config);

    sink(config, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
        "OTEL_SERVICE_NAME", "synthetics-eu",
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod")).accept(result);
    assertThat(sink.flush(Duration.ofSeconds(30))).isTrue();

    var root = named(collector.spansOf(result.traceId()), "checkout @ staging");
    assertThat(root.resource()).containsEntry("service.name", "synthetics-eu")
        .containsEntry("deployment.environment.name", "prod")
        .containsEntry("service.version", io.cartprobe.Version.current());
    assertThat(collector.headers().getFirst()).containsEntry("X-api-key", List.of("a b,c=d%"));
  }

  @Test
  void withoutOtlpSettingsOrWithTheSdkTurnedOffThereIsNoSink() throws Exception {
    CartprobeConfig withOtlp = config();
    CartprobeConfig without = config("", 0);

    assertThat(TraceSink.fromEnvironment(without, Map.of(), registry)).isEmpty();
    assertThat(TraceSink.fromEnvironment(withOtlp, Map.of("OTEL_SDK_DISABLED", "true"), registry))
        .isEmpty();
    assertThat(TraceSink.fromEnvironment(withOtlp, Map.of("OTEL_TRACES_EXPORTER", "none"),
        registry)).isEmpty();
    Optional<TraceSink> fromEnv = TraceSink.fromEnvironment(without,
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint()), registry);
    assertThat(fromEnv).isPresent();
    fromEnv.get().close();
  }

  @Test
  void invalidOtelSettingsAreAClearError() throws Exception {
    CartprobeConfig config = config();

    assertThatThrownBy(() -> TraceSink.fromEnvironment(config,
        Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon"), registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrier-pigeon");
  }

  @Test
  @Timeout(120)
  void aCollectorThatHangsCostsBoundedMemoryAndNeverHoldsAProbeUp() throws Exception {
    for (int i = 0; i < 2; i++) {
      passingCheckout();
    }
    CartprobeConfig config = config();
    ProbeResult result = run(config);
    collector.hold();
    sink = TraceSink.fromEnvironment(config, Map.of(), registry, 8).orElseThrow();

    sink.accept(result); // 4 spans: the worker takes them and waits on the collector
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.requests() == 1);
    for (int i = 0; i < 50; i++) {
      sink.accept(result); // 2 more runs fit in the queue of 8 spans, 48 are dropped whole
    }
    ProbeResult whileHanging = run(config);

    assertThat(whileHanging.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(dropped("queue_full")).isEqualTo(48 * 4);
    collector.release();
    assertThat(sink.flush(Duration.ofSeconds(60))).isTrue();
    assertThat(registry.get("cartprobe.trace.spans.exported").counter().count())
        .isEqualTo(3 * 4);
    assertThat(sink.droppedSpans()).isEqualTo(48 * 4);
  }

  @Test
  @Timeout(120)
  void closingWhileTheCollectorHangsWaitsBoundedAndCountsWhatWasLost() throws Exception {
    passingCheckout();
    CartprobeConfig config = config();
    ProbeResult result = run(config);
    collector.hold();
    TraceSink hanging = TraceSink.fromEnvironment(config, Map.of(), registry).orElseThrow();
    hanging.accept(result);
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.requests() == 1);
    hanging.accept(result);

    long start = System.nanoTime();
    hanging.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - start);

    assertThat(closing).isLessThan(TraceSink.CLOSE_WAIT.plusSeconds(10));
    assertThat(dropped("export_failed")).as("the batch in flight").isEqualTo(4);
    assertThat(dropped("shutdown")).as("the run still queued").isEqualTo(4);
    assertThat(hanging.droppedSpans()).isEqualTo(8);
  }

  @Test
  @Timeout(120)
  void aCollectorThatRefusesCountsTheSpansAsFailedExports() throws Exception {
    passingCheckout();
    collector.answer(503);
    CartprobeConfig config = config();
    ProbeResult result = run(config);

    sink(config, Map.of()).accept(result);

    await().atMost(Duration.ofSeconds(90)).until(() -> dropped("export_failed") == 4);
    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(collector.spans()).isEmpty();
  }

  @Test
  void theCountersHaveTheirDocumentedPrometheusNamesFromTheStart() throws Exception {
    try (var agent = io.cartprobe.metrics.AgentRegistry.create(Map.of())) {
      sink = TraceSink.fromEnvironment(config(), Map.of(), agent.registry()).orElseThrow();

      assertThat(agent.registry().scrape()).contains(
          "cartprobe_trace_spans_exported_total 0.0",
          "cartprobe_trace_spans_dropped_total{reason=\"queue_full\"} 0.0",
          "cartprobe_trace_spans_dropped_total{reason=\"export_failed\"} 0.0",
          "cartprobe_trace_spans_dropped_total{reason=\"shutdown\"} 0.0");
    }
  }

  private double dropped(String reason) {
    return registry.get("cartprobe.trace.spans.dropped").tag("reason", reason).counter().count();
  }
}
