package io.cartprobe.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * The wire form of a {@link ProbeResult}: snake_case keys, durations in seconds (as Prometheus
 * does), instants in ISO-8601. Used by {@code run -o json} and later by {@code /api/status}, so
 * both speak the same model. Everything in a result is already redacted.
 */
public final class ResultJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultJson() {}

  public static ObjectNode toJson(ProbeResult result) {
    ObjectNode node = NODES.objectNode();
    node.put("probe", result.probe());
    node.put("env", result.environment());
    node.put("type", result.probeType().wireName());
    node.put("started_at", result.startedAt().toString());
    node.put("duration_seconds", seconds(result.duration()));
    node.put("verdict", result.verdict().wireName());
    node.put("attempts", result.attempts());
    node.put("trace_id", result.traceId());
    node.set("failure", result.failure().<JsonNode>map(ResultJson::failure).orElse(NODES.nullNode()));
    node.set("steps", steps(result.steps()));
    node.set("cleanup", steps(result.cleanup()));
    ArrayNode notes = node.putArray("notes");
    result.notes().forEach(notes::add);
    if (!result.watched().isEmpty()) {
      ObjectNode watched = node.putObject("watched");
      result.watched().forEach(watched::put);
    }
    node.set("probable_cause",
        result.probableCause().<JsonNode>map(ResultJson::probableCause).orElse(NODES.nullNode()));
    return node;
  }

  private static ObjectNode probableCause(ProbableCause cause) {
    ObjectNode node = NODES.objectNode();
    node.put("probe", cause.probe());
    node.put("env", cause.environment());
    node.put("at", cause.at().toString());
    ArrayNode changes = node.putArray("changes");
    for (ProbableCause.FieldChange change : cause.changes()) {
      changes.addObject().put("path", change.path()).put("before", change.before())
          .put("after", change.after());
    }
    putOptional(node, "failure", cause.failure());
    node.put("confidence", cause.confidence().wireName());
    node.put("why", cause.why());
    node.put("summary", cause.summary());
    return node;
  }

  private static ObjectNode failure(Failure failure) {
    ObjectNode node = NODES.objectNode();
    node.put("step", failure.step());
    node.put("component", failure.component());
    node.put("reason", failure.reason().wireName());
    node.put("message", failure.message());
    putOptional(node, "expected", failure.expected());
    putOptional(node, "actual", failure.actual());
    putOptional(node, "classification", failure.classification());
    return node;
  }

  private static ArrayNode steps(java.util.List<StepResult> steps) {
    ArrayNode array = NODES.arrayNode();
    steps.forEach(step -> array.add(step(step)));
    return array;
  }

  private static ObjectNode step(StepResult step) {
    ObjectNode node = NODES.objectNode();
    node.put("name", step.name());
    node.put("component", step.component());
    node.put("status", step.status().wireName());
    node.put("method", step.method());
    node.put("url", step.url());
    if (step.httpStatus().isPresent()) {
      node.put("http_status", step.httpStatus().get());
    } else {
      node.putNull("http_status");
    }
    node.put("duration_seconds", seconds(step.duration()));
    ObjectNode timings = node.putObject("timings_seconds");
    Timings t = step.timings();
    timings.put("dns", seconds(t.dns()));
    timings.put("connect", seconds(t.connect()));
    timings.put("tls", seconds(t.tls()));
    timings.put("request", seconds(t.request()));
    timings.put("ttfb", seconds(t.ttfb()));
    timings.put("transfer", seconds(t.transfer()));
    ArrayNode assertions = node.putArray("assertions");
    for (AssertionResult a : step.assertions()) {
      ObjectNode an = assertions.addObject();
      an.put("check", a.check());
      an.put("expected", a.expected());
      an.put("actual", a.actual());
      an.put("passed", a.passed());
    }
    putOptional(node, "reason", step.reason().map(FailureReason::wireName));
    putOptional(node, "message", step.message());
    putOptional(node, "body_excerpt", step.bodyExcerpt());
    putOptional(node, "classification", step.classification());
    putOptional(node, "cert_not_after", step.certNotAfter().map(Object::toString));
    step.browser().ifPresent(b -> node.set("browser", browser(b)));
    return node;
  }

  private static ObjectNode browser(BrowserEvidence b) {
    ObjectNode node = NODES.objectNode();
    node.put("final_url", b.finalUrl());
    b.domContentLoaded().ifPresentOrElse(d -> node.put("dom_content_loaded_seconds", seconds(d)),
        () -> node.putNull("dom_content_loaded_seconds"));
    b.load().ifPresentOrElse(d -> node.put("load_seconds", seconds(d)), () -> node.putNull("load_seconds"));
    ArrayNode console = node.putArray("console_errors");
    b.consoleErrors().forEach(console::add);
    ArrayNode failed = node.putArray("failed_requests");
    b.failedRequests().forEach(failed::add);
    ArrayNode shots = node.putArray("screenshots");
    b.screenshots().forEach(s -> shots.addObject().put("file", s.file()).put("bytes", s.png().length));
    return node;
  }

  private static void putOptional(ObjectNode node, String key, Optional<String> value) {
    JsonNode v = value.<JsonNode>map(NODES::textNode).orElse(NODES.nullNode());
    node.set(key, v);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
