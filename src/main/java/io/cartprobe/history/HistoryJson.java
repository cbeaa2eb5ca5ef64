package io.cartprobe.history;

import io.cartprobe.result.JsonFields;
import static io.cartprobe.history.RecordJson.NODES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/history}:
 *
 * <pre>{@code
 * {"generated_at": "...", "since": "...",
 *  "pairs": [{"probe": "checkout", "env": "production", "capacity": 2880,
 *             "failing_since": "..." | null, "runs": [...oldest first...],
 *             "config_changes": [...], "alert_transitions": [...]}]}
 * }</pre>
 *
 * See docs/status-page.md for each field. Everything in history is already redacted.
 */
public final class HistoryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HistoryJson() {}

  /** What the endpoint answers: status, and a JSON body (an {@code error} object on 400). */
  public record Response(int status, String body) {
    public String contentType() {
      return "application/json; charset=utf-8";
    }
  }

  /** Parses the raw query, builds the body, and serializes it: all the handler needs to do. */
  public static Response respond(RunHistory history, String rawQuery) {
    return switch (HistoryQuery.parse(rawQuery, history.clock().instant())) {
      case HistoryQuery.Valid(HistoryQuery query) -> new Response(200, text(body(history, query)));
      case HistoryQuery.Invalid(String message) -> {
        ObjectNode error = NODES.objectNode();
        error.putObject("error").put("message", message);
        yield new Response(400, text(error));
      }
    };
  }

  public static ObjectNode body(RunHistory history, HistoryQuery query) {
    ObjectNode root = NODES.objectNode();
    root.put("generated_at", history.clock().instant().toString());
    root.put("since", query.since().toString());
    ArrayNode pairs = root.putArray("pairs");
    for (HistoryKey key : history.keys()) {
      if (query.matches(key)) {
        pairs.add(pair(history.window(key.probe(), key.environment(), query.since()), query));
      }
    }
    return root;
  }

  /** One pair's window as JSON (runs oldest first). */
  public static ObjectNode pair(HistoryWindow window, HistoryQuery query) {
    ObjectNode node = NODES.objectNode();
    node.put("probe", window.key().probe());
    node.put("env", window.key().environment());
    node.put("capacity", window.capacity());
    JsonFields.put(node, "failing_since", window.failingSince().map(Instant::toString));
    List<RunRecord> runs = window.runs();
    if (query.limit().isPresent() && runs.size() > query.limit().get()) {
      runs = runs.subList(runs.size() - query.limit().get(), runs.size());
    }
    ArrayNode runArray = node.putArray("runs");
    runs.forEach(r -> runArray.add(RecordJson.run(r)));
    ArrayNode changes = node.putArray("config_changes");
    window.configChanges().forEach(c -> changes.add(RecordJson.configChange(c)));
    ArrayNode alerts = node.putArray("alert_transitions");
    window.alertTransitions().forEach(a -> alerts.add(RecordJson.alertTransition(a)));
    return node;
  }

  private static String text(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
