package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.FailureDetail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code payload} of a PagerDuty trigger (PD-CEF): source is the probe × environment that
 * failed, component the owner of the failed step, group the environment, class what kind of
 * failure; custom_details carry what the on-call engineer needs first.
 */
final class PagerDutyDetails {

  private PagerDutyDetails() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Payload(
      String summary,
      String source,
      String severity,
      String timestamp,
      String component,
      String group,
      @JsonProperty("class") String eventClass,
      @JsonProperty("custom_details") Map<String, Object> customDetails) {}

  /** The probable cause with how sure and why, so the page is not trusted more than it should be. */
  record Cause(String summary, String confidence, String why) {}

  static JsonNode payload(AlertEvent e) {
    var failure = e.failure();
    return io.cartprobe.result.json.Json.tree(new Payload(
        truncate(e.summary(), PagerDutyFormat.MAX_SUMMARY),
        "cartprobe:" + e.probe() + "@" + e.env(),
        severity(e.severity()),
        e.at().toString(),
        failure.map(FailureDetail::component).orElse(e.probe()),
        e.env(),
        failure.map(f -> f.classification().orElse(f.reason())).orElse(e.alert()),
        details(e)));
  }

  /** cartprobe's severities are a subset of PagerDuty's; anything else is an error, not lost. */
  static String severity(String severity) {
    return switch (severity) {
      case "critical", "error", "warning", "info" -> severity;
      default -> "error";
    };
  }

  private static Map<String, Object> details(AlertEvent e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("alert", e.alert());
    d.put("probe", e.probe());
    d.put("environment", e.env());
    d.put("condition", e.condition());
    e.failure().ifPresent(f -> {
      d.put("step", f.step());
      d.put("component", f.component());
      d.put("reason", f.reason());
      f.classification().ifPresent(c -> d.put("classification", c));
      d.put("message", f.message());
      f.expected().ifPresent(x -> d.put("expected", x));
      f.actual().ifPresent(x -> d.put("actual", x));
    });
    e.probableCause().ifPresentOrElse(
        c -> d.put("probable_cause", new Cause(c.summary(), c.confidence().wireName(), c.why())),
        () -> e.causeNote().ifPresent(n -> d.put("probable_cause", n)));
    e.traceId().ifPresent(t -> d.put("trace_id", t));
    d.put("failures_began", e.failuresBegan().toString());
    d.put("failed_runs", e.failedRuns());
    if (!e.agentLabels().isEmpty()) {
      d.put("agent_labels", e.agentLabels());
    }
    return d;
  }

  /** At most {@code max} characters, never splitting a surrogate pair, marked with an ellipsis. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
