package io.cartprobe.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cartprobe.result.json.Json;
import io.cartprobe.result.json.SchemaVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /api/history}:
 *
 * <pre>{@code
 * {"generated_at": "...", "since": "...",
 *  "pairs": [{"probe": "checkout", "env": "production", "capacity": 2880,
 *             "failing_since": "..." | null, "runs": [...oldest first...],
 *             "config_changes": [...], "alert_transitions": [...],
 *             "variant": "amex" (only for a probe with a matrix)}]}
 * }</pre>
 *
 * See docs/status-page.md for each field. Everything in history is already redacted.
 */
public final class HistoryJson {

  private HistoryJson() {}

  /** What the endpoint answers: status, and a JSON body (an {@code error} object on 400). */
  public record Response(int status, String body) {
    public String contentType() {
      return "application/json; charset=utf-8";
    }
  }

  record Body(int schemaVersion, Instant generatedAt, Instant since, List<PairJson> pairs) {}

  /** One pair's window, runs oldest first. */
  record PairJson(String probe, String env, int capacity, Optional<Instant> failingSince,
      List<RunJson> runs, List<ChangeJson> configChanges,
      List<AlertTransition> alertTransitions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {

    static PairJson of(HistoryWindow window, Optional<Integer> limit) {
      List<RunRecord> runs = window.runs();
      if (limit.isPresent() && runs.size() > limit.get()) {
        runs = runs.subList(runs.size() - limit.get(), runs.size());
      }
      return new PairJson(window.key().probe(), window.key().environment(), window.capacity(),
          window.failingSince(), runs.stream().map(RunJson::of).toList(),
          window.configChanges().stream().map(ChangeJson::of).toList(),
          window.alertTransitions(), window.key().variant());
    }
  }

  record Error(Message error) {
    record Message(String message) {}
  }

  /** Parses the raw query, builds the body, and serializes it: all the handler needs to do. */
  public static Response respond(RunHistory history, String rawQuery) {
    return switch (HistoryQuery.parse(rawQuery, history.clock().instant())) {
      case HistoryQuery.Valid(HistoryQuery query) -> new Response(200, Json.write(body(history, query)));
      case HistoryQuery.Invalid(String message) ->
          new Response(400, Json.write(new Error(new Error.Message(message))));
    };
  }

  static Body body(RunHistory history, HistoryQuery query) {
    return new Body(SchemaVersion.CURRENT, history.clock().instant(), query.since(), history.keys().stream()
        .filter(query::matches)
        .map(key -> PairJson.of(history.window(key, query.since()),
            query.limit()))
        .toList());
  }
}
