package io.cartprobe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One webhook request the demo's receiver got: when, on which hook, and what it says, read from
 * whichever payload format sent it (Alertmanager, Alertmanager API, Slack, cartprobe's JSON).
 *
 * @param format {@code alertmanager}, {@code alertmanager-api}, {@code slack}, {@code json} or
 *     {@code unknown}
 * @param lines one line per alert, e.g. {@code FIRING [critical] checkout-failing:
 *     checkout@production step authorize_payment (payment-gateway) status}
 * @param details per alert, the payload's longer text (expected, actual, probable cause...); may
 *     be empty
 * @param signed the request carried a Standard Webhooks {@code webhook-signature}
 * @param body the payload as received
 */
public record Notification(Instant receivedAt, String webhook, String format, List<String> lines,
    List<String> details, boolean signed, String body) {

  public Notification {
    lines = List.copyOf(lines);
    details = List.copyOf(details);
  }

  /** The body as JSON, or as one JSON string when it is not JSON (it is shown either way). */
  static JsonNode parseLenient(String body) {
    try {
      return io.cartprobe.result.json.Json.parse(body);
    } catch (java.io.IOException e) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(body);
    }
  }

  /** Reads a payload; {@code now} decides whether an Alertmanager API alert has ended. */
  static Notification read(Instant now, String webhook, boolean signed, String body) {
    JsonNode root = parseLenient(body);
    List<String> lines = new ArrayList<>();
    List<String> details = new ArrayList<>();
    String format;
    if (root.isObject() && "4".equals(root.path("version").asText()) && root.has("alerts")) {
      format = "alertmanager";
      root.path("alerts").forEach(a -> {
        lines.add(line(a.path("status").asText(), a.path("labels"), a.path("annotations")));
        details.add(a.path("annotations").path("description").asText());
      });
    } else if (root.isArray()) {
      format = "alertmanager-api";
      root.forEach(a -> {
        lines.add(line(ended(a, now) ? "resolved" : "firing", a.path("labels"), a.path("annotations")));
        details.add(a.path("annotations").path("description").asText());
      });
    } else if (root.isObject() && root.has("schema") && root.has("alert")) {
      format = "json";
      lines.add(line(root.path("status").asText(), root.path("severity").asText(),
          root.path("summary").asText(), root.path("alert").asText()));
      details.add(root.path("description").asText());
    } else if (root.isObject() && root.path("text").isTextual()) {
      format = "slack";
      List<String> text = root.path("text").asText().lines().toList();
      lines.add(text.isEmpty() ? "" : text.getFirst().replace("*", ""));
      details.add(String.join("\n", text.subList(Math.min(1, text.size()), text.size())));
    } else {
      format = "unknown";
      lines.add(body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }
    return new Notification(now, webhook, format, lines, details, signed, body);
  }

  private static String line(String status, JsonNode labels, JsonNode annotations) {
    return line(status, labels.path("severity").asText(), annotations.path("summary").asText(),
        labels.path("alertname").asText() + ": " + labels.path("probe").asText() + "@"
            + labels.path("env").asText());
  }

  /** The summary already names the alert, probe and environment; {@code fallback} when absent. */
  private static String line(String status, String severity, String summary, String fallback) {
    return status.toUpperCase(Locale.ROOT) + " [" + severity + "] "
        + (summary.isEmpty() ? fallback : summary);
  }

  private static boolean ended(JsonNode alert, Instant now) {
    String endsAt = alert.path("endsAt").asText("");
    try {
      return !endsAt.isEmpty() && !Instant.parse(endsAt).isAfter(now);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
