package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Alertmanager view of a notification. Labels identify the alert (Alertmanager deduplicates
 * and groups on them): agent labels first, so ours win a clash. Annotations carry what changes
 * between sends: the explanation.
 */
public final class AlertLabels {

  private AlertLabels() {}

  public static Map<String, String> labels(AlertEvent e) {
    Map<String, String> labels = new LinkedHashMap<>(e.agentLabels());
    labels.put("alertname", e.alert());
    labels.put("severity", e.severity());
    labels.put("probe", e.probe());
    labels.put("env", e.env());
    if (!e.variant().isEmpty()) {
      // Only with a matrix: an empty label is no label to Alertmanager, and fingerprints of
      // probes without variants stay as they were.
      labels.put("variant", e.variant());
    }
    return labels;
  }

  /** @param externalUrl the agent's address for links ("" when unknown: no evidence_url) */
  public static Map<String, String> annotations(AlertEvent e, String externalUrl) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("summary", e.summary());
    a.put("description", e.description());
    e.runbook().ifPresent(r -> a.put("runbook_url", r));
    e.failure().ifPresent(f -> {
      a.put("failed_step", f.step());
      a.put("component", f.component());
      a.put("reason", f.reason());
      f.expected().ifPresent(x -> a.put("expected", x));
      f.actual().ifPresent(x -> a.put("actual", x));
      f.classification().ifPresent(x -> a.put("classification", x));
      f.bodyExcerpt().ifPresent(x -> a.put("body_excerpt", x));
      f.artifacts().ifPresent(x -> a.put("artifacts", x));
    });
    e.traceId().ifPresent(t -> a.put("trace_id", t));
    e.probableCause().ifPresent(c -> {
      a.put("probable_cause", c.summary());
      a.put("probable_cause_confidence", c.confidence().wireName());
      if (!c.why().isEmpty()) {
        a.put("probable_cause_why", c.why());
      }
    });
    e.causeNote().ifPresent(n -> a.put("cause_note", n));
    if (!e.providerStatus().isEmpty()) {
      a.put("provider_status", String.join("\n", e.providerStatus()));
    }
    PayloadFormat.evidenceUrl(e, externalUrl).ifPresent(u -> a.put("evidence_url", u));
    a.put("failures_began", e.failuresBegan().toString());
    a.put("failed_runs", Integer.toString(e.failedRuns()));
    return a;
  }
}
