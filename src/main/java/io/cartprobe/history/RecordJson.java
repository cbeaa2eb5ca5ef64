package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;

import static io.cartprobe.result.JsonFields.duration;
import static io.cartprobe.result.JsonFields.instant;
import static io.cartprobe.result.JsonFields.optionalInt;
import static io.cartprobe.result.JsonFields.optionalText;
import static io.cartprobe.result.JsonFields.put;
import static io.cartprobe.result.JsonFields.putInt;
import static io.cartprobe.result.JsonFields.seconds;
import static io.cartprobe.result.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON form of runs, config changes and alert transitions. {@code /api/history} and the state
 * file use the same form, so what an operator sees in one is what survives in the other.
 */
final class RecordJson {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  static ObjectNode run(RunRecord run) {
    ObjectNode node = NODES.objectNode();
    node.put("started_at", run.startedAt().toString());
    node.put("verdict", run.verdict().wireName());
    node.put("duration_seconds", seconds(run.duration()));
    node.put("trace_id", run.traceId());
    if (run.failedStep().isPresent()) {
      ObjectNode failure = node.putObject("failure");
      failure.put("step", run.failedStep().get());
      put(failure, "component", run.component());
      put(failure, "reason", run.reason());
      put(failure, "message", run.message());
      put(failure, "classification", run.classification());
      putInt(failure, "http_status", run.httpStatus());
    } else {
      node.putNull("failure");
    }
    put(node, "probable_cause", run.probableCause());
    return node;
  }

  static RunRecord run(JsonNode node) {
    JsonNode failure = node.path("failure");
    boolean failed = failure.isObject();
    return new RunRecord(
        instant(node, "started_at"),
        Verdict.valueOf(text(node, "verdict").toUpperCase(Locale.ROOT)),
        duration(node, "duration_seconds"),
        failed ? Optional.of(text(failure, "step")) : Optional.empty(),
        optionalText(failure, "component"),
        optionalText(failure, "reason"),
        optionalText(failure, "message"),
        optionalText(failure, "classification"),
        optionalText(node, "trace_id").orElse(""),
        optionalText(node, "probable_cause"),
        optionalInt(failure, "http_status"));
  }

  static ObjectNode configChange(ConfigChange change) {
    ObjectNode node = NODES.objectNode();
    node.put("at", change.at().toString());
    node.put("probe", change.probe());
    node.put("env", change.environment());
    ArrayNode changes = node.putArray("changes");
    for (FieldChange c : change.changes()) {
      changes.addObject().put("path", c.path()).put("before", c.before()).put("after", c.after());
    }
    return node;
  }

  static ConfigChange configChange(JsonNode node) {
    List<FieldChange> changes = new ArrayList<>();
    for (JsonNode c : node.path("changes")) {
      changes.add(new FieldChange(text(c, "path"), text(c, "before"), text(c, "after")));
    }
    return new ConfigChange(text(node, "probe"), text(node, "env"), instant(node, "at"), changes);
  }

  static ObjectNode alertTransition(AlertTransition transition) {
    ObjectNode node = NODES.objectNode();
    node.put("at", transition.at().toString());
    node.put("alert", transition.alert());
    node.put("probe", transition.probe());
    node.put("env", transition.environment());
    node.put("state", transition.state().wireName());
    return node;
  }

  static AlertTransition alertTransition(JsonNode node) {
    return new AlertTransition(text(node, "alert"), text(node, "probe"), text(node, "env"),
        AlertTransition.State.fromWire(text(node, "state")), instant(node, "at"));
  }
}
