package io.cartprobe.result;

import static io.cartprobe.result.JsonFields.duration;
import static io.cartprobe.result.JsonFields.instant;
import static io.cartprobe.result.JsonFields.optionalInstant;
import static io.cartprobe.result.JsonFields.optionalInt;
import static io.cartprobe.result.JsonFields.optionalText;
import static io.cartprobe.result.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultJson;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link ProbeResult} back from {@link ResultJson}'s wire form, so the latest run's step
 * table survives a restart. It lives here because history is its only reader; if another package
 * needs it, it belongs next to {@code ResultJson}.
 */
public final class ProbeResultReader {

  private ProbeResultReader() {}

  /** @throws IllegalArgumentException when a required field is missing or malformed */
  public static ProbeResult read(JsonNode node) {
    try {
      return new ProbeResult(
          text(node, "probe"),
          text(node, "env"),
          optionalText(node, "type").orElse(""),
          instant(node, "started_at"),
          duration(node, "duration_seconds"),
          Verdict.valueOf(upper(text(node, "verdict"))),
          node.path("attempts").asInt(1),
          optionalText(node, "trace_id").orElse(""),
          steps(node.path("steps")),
          node.path("failure").isObject()
              ? Optional.of(failure(node.get("failure")))
              : Optional.empty(),
          steps(node.path("cleanup")),
          strings(node.path("notes")),
          textMap(node.path("watched")),
          node.path("probable_cause").isObject()
              ? Optional.of(probableCause(node.get("probable_cause")))
              : Optional.empty());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a probe result: " + e.getMessage(), e);
    }
  }

  private static Failure failure(JsonNode node) {
    return new Failure(text(node, "step"), text(node, "component"), reason(text(node, "reason")),
        optionalText(node, "message").orElse(""), optionalText(node, "expected"),
        optionalText(node, "actual"), optionalText(node, "classification"));
  }

  private static ProbableCause probableCause(JsonNode node) {
    List<ProbableCause.FieldChange> changes = new ArrayList<>();
    for (JsonNode c : node.path("changes")) {
      changes.add(new ProbableCause.FieldChange(text(c, "path"), text(c, "before"),
          text(c, "after")));
    }
    return new ProbableCause(text(node, "probe"), text(node, "env"), instant(node, "at"),
        changes, optionalText(node, "failure"));
  }

  private static List<StepResult> steps(JsonNode array) {
    List<StepResult> steps = new ArrayList<>();
    for (JsonNode s : array) {
      steps.add(new StepResult(
          text(s, "name"),
          optionalText(s, "component").orElse(""),
          StepStatus.valueOf(upper(text(s, "status"))),
          optionalText(s, "method").orElse(""),
          optionalText(s, "url").orElse(""),
          optionalInt(s, "http_status"),
          s.has("duration_seconds") ? duration(s, "duration_seconds") : Duration.ZERO,
          timings(s.path("timings_seconds")),
          assertions(s.path("assertions")),
          optionalText(s, "reason").map(ProbeResultReader::reason),
          optionalText(s, "message"),
          optionalText(s, "body_excerpt"),
          optionalText(s, "classification"),
          optionalInstant(s, "cert_not_after"),
          textMap(s.path("extracted"))));
    }
    return steps;
  }

  private static Timings timings(JsonNode node) {
    if (!node.isObject()) {
      return Timings.NONE;
    }
    return new Timings(phase(node, "dns"), phase(node, "connect"), phase(node, "tls"),
        phase(node, "request"), phase(node, "ttfb"), phase(node, "transfer"));
  }

  private static Duration phase(JsonNode node, String name) {
    return node.has(name) ? duration(node, name) : Duration.ZERO;
  }

  private static List<AssertionResult> assertions(JsonNode array) {
    List<AssertionResult> out = new ArrayList<>();
    for (JsonNode a : array) {
      out.add(new AssertionResult(optionalText(a, "check").orElse(""),
          optionalText(a, "expected").orElse(""), optionalText(a, "actual").orElse(""),
          a.path("passed").asBoolean()));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, String> textMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static FailureReason reason(String wire) {
    return FailureReason.valueOf(upper(wire));
  }

  private static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
