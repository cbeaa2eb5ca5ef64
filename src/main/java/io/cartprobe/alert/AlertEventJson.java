package io.cartprobe.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cartprobe's own event JSON (docs/webhook-event.schema.json): the {@code json} webhook format's
 * body and the form an event takes in the state file. Written by hand rather than by databind so
 * the wire shape is pinned here and cannot drift with a record's accessor names.
 */
public final class AlertEventJson {

  public static final String SCHEMA = "https://cartprobe.io/schemas/webhook-event/v1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertEventJson() {}

  public static ObjectNode toJson(AlertEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", SCHEMA);
    node.put("id", e.id());
    node.put("kind", e.kind().wireName());
    node.put("status", e.status());
    node.put("at", e.at().toString());
    node.put("alert", e.alert());
    node.put("severity", e.severity());
    node.put("probe", e.probe());
    node.put("env", e.env());
    ObjectNode labels = node.putObject("labels");
    e.agentLabels().forEach(labels::put);
    node.put("condition", e.condition());
    node.put("summary", e.summary());
    node.put("description", e.description());
    node.put("startsAt", e.startsAt().toString());
    putOptional(node, "endsAt", e.endsAt().map(Instant::toString));
    e.lasted().ifPresentOrElse(d -> node.put("durationSeconds", d.toMillis() / 1000.0),
        () -> node.putNull("durationSeconds"));
    node.put("failuresBegan", e.failuresBegan().toString());
    node.put("failedRuns", e.failedRuns());
    e.failure().ifPresentOrElse(f -> {
      ObjectNode failure = node.putObject("failure");
      failure.put("step", f.step());
      failure.put("component", f.component());
      failure.put("reason", f.reason());
      failure.put("message", f.message());
      putOptional(failure, "expected", f.expected());
      putOptional(failure, "actual", f.actual());
      putOptional(failure, "classification", f.classification());
      putOptional(failure, "bodyExcerpt", f.bodyExcerpt());
    }, () -> node.putNull("failure"));
    putOptional(node, "traceId", e.traceId());
    e.probableCause().ifPresentOrElse(c -> {
      ObjectNode cause = node.putObject("probableCause");
      cause.put("probe", c.probe());
      cause.put("env", c.environment());
      cause.put("at", c.at().toString());
      cause.put("summary", c.summary());
      ArrayNode changes = cause.putArray("changes");
      c.changes().forEach(ch -> changes.addObject()
          .put("path", ch.path()).put("before", ch.before()).put("after", ch.after()));
      putOptional(cause, "failure", c.failure());
      cause.put("confidence", c.confidence().wireName());
      cause.put("why", c.why());
    }, () -> node.putNull("probableCause"));
    putOptional(node, "runbook", e.runbook());
    putOptional(node, "causeNote", e.causeNote());
    node.put("probeIntervalSeconds", e.probeInterval().toSeconds());
    ArrayNode webhooks = node.putArray("webhooks");
    e.webhooks().forEach(webhooks::add);
    return node;
  }

  public static AlertEvent fromJson(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    node.path("labels").properties().forEach(p -> labels.put(p.getKey(), p.getValue().asText()));
    Optional<FailureDetail> failure = present(node.get("failure")).map(f -> new FailureDetail(
        f.path("step").asText(), f.path("component").asText(), f.path("reason").asText(),
        f.path("message").asText(), text(f, "expected"), text(f, "actual"),
        text(f, "classification"), text(f, "bodyExcerpt")));
    Optional<ProbableCause> cause = present(node.get("probableCause")).map(c -> {
      List<FieldChange> changes = new ArrayList<>();
      c.path("changes").forEach(ch -> changes.add(new FieldChange(
          ch.path("path").asText(), ch.path("before").asText(), ch.path("after").asText())));
      return new ProbableCause(c.path("probe").asText(), c.path("env").asText(),
          Instant.parse(c.path("at").asText()), changes, text(c, "failure"),
          "likely".equals(c.path("confidence").asText()) ? ProbableCause.Confidence.LIKELY
              : ProbableCause.Confidence.POSSIBLE, c.path("why").asText(""));
    });
    List<String> webhooks = new ArrayList<>();
    node.path("webhooks").forEach(w -> webhooks.add(w.asText()));
    return new AlertEvent(
        node.path("id").asText(),
        EventKind.valueOf(node.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
        Instant.parse(node.path("at").asText()),
        node.path("alert").asText(),
        node.path("severity").asText(),
        node.path("probe").asText(),
        node.path("env").asText(),
        labels,
        node.path("condition").asText(),
        Instant.parse(node.path("startsAt").asText()),
        text(node, "endsAt").map(Instant::parse),
        Instant.parse(node.path("failuresBegan").asText()),
        node.path("failedRuns").asInt(),
        failure,
        text(node, "traceId"),
        cause,
        text(node, "runbook"),
        Duration.ofSeconds(node.path("probeIntervalSeconds").asLong(60)),
        webhooks,
        text(node, "causeNote"));
  }

  private static void putOptional(ObjectNode node, String field, Optional<String> value) {
    value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
  }

  private static Optional<JsonNode> present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return present(node.get(field)).map(JsonNode::asText);
  }
}
