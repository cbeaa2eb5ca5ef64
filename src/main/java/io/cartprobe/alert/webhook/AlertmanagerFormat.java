package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertEvent;
import java.time.Instant;
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

  @Override
  public String render(AlertEvent e, RenderContext context) {
    Map<String, String> labels = AlertLabels.labels(e);
    Map<String, String> annotations = AlertLabels.annotations(e);
    Map<String, String> groupLabels = new TreeMap<>(Map.of(
        "alertname", e.alert(), "probe", e.probe(), "env", e.env()));
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", "4");
    root.put("groupKey", "{}:" + labelSet(groupLabels));
    root.put("truncatedAlerts", 0);
    root.put("status", e.status());
    root.put("receiver", context.receiver());
    root.set("groupLabels", PayloadFormat.object(groupLabels));
    root.set("commonLabels", PayloadFormat.object(labels));
    root.set("commonAnnotations", PayloadFormat.object(annotations));
    root.put("externalURL", context.externalUrl());
    ObjectNode alert = root.putArray("alerts").addObject();
    alert.put("status", e.status());
    alert.set("labels", PayloadFormat.object(labels));
    alert.set("annotations", PayloadFormat.object(annotations));
    alert.put("startsAt", e.startsAt().toString());
    alert.put("endsAt", e.endsAt().map(Instant::toString).orElse(ZERO_TIME));
    alert.put("generatorURL", PayloadFormat.generatorUrl(e, context.externalUrl()));
    alert.put("fingerprint", Fingerprint.of(labels));
    return PayloadFormat.write(root);
  }

  /** Prometheus's LabelSet.String(): {a="1", b="2"}, sorted by name. */
  static String labelSet(Map<String, String> labels) {
    return new TreeMap<>(labels).entrySet().stream()
        .map(l -> l.getKey() + "=\"" + l.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
