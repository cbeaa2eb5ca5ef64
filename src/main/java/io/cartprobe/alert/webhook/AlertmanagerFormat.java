package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.result.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The Alertmanager webhook payload, version "4", field for field, so anything written for
 * Alertmanager's webhook receiver (PagerDuty bridges, ticket bots) takes cartprobe directly. One
 * alert per payload: an instance is its own group.
 */
public record AlertmanagerFormat() implements PayloadFormat {

  /** Go's zero time: what Alertmanager puts in endsAt of a firing alert. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  @JsonNaming(LowerCamelCaseStrategy.class)
  record Payload(String version, String groupKey, int truncatedAlerts, String status,
      String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
      Map<String, String> commonAnnotations, String externalURL, List<Alert> alerts) {}

  /** endsAt is text: Go's zero time while firing. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
      Instant startsAt, String endsAt, String generatorURL, String fingerprint) {}

  @Override
  public String render(AlertEvent e, RenderContext context) {
    Map<String, String> labels = AlertLabels.labels(e);
    Map<String, String> annotations = AlertLabels.annotations(e, context.externalUrl());
    Map<String, String> groupLabels = new TreeMap<>(Map.of(
        "alertname", e.alert(), "probe", e.probe(), "env", e.env()));
    Alert alert = new Alert(e.status(), labels, annotations, e.startsAt(),
        e.endsAt().map(Instant::toString).orElse(ZERO_TIME),
        PayloadFormat.generatorUrl(e, context.externalUrl()), Fingerprint.of(labels));
    return Json.write(new Payload("4", "{}:" + labelSet(groupLabels), 0, e.status(),
        context.receiver(), groupLabels, labels, annotations, context.externalUrl(),
        List.of(alert)));
  }

  /** Prometheus's LabelSet.String(): {a="1", b="2"}, sorted by name. */
  static String labelSet(Map<String, String> labels) {
    return new TreeMap<>(labels).entrySet().stream()
        .map(l -> l.getKey() + "=\"" + l.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
