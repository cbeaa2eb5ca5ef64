package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Instant;
import java.util.List;

/**
 * A gateway-config probe saw its watched configuration differ from the baseline: news for the
 * on-call engineer, not a failure by itself (the probe's {@code expect} decides failure).
 *
 * @param at when the run that saw the new values started
 * @param changes each watched JSONPath that differs, before → after as JSON text, or
 *     {@code "(absent)"} where the path was missing
 */
public record ConfigChange(String probe, @JsonProperty("env") String environment, Instant at,
    List<FieldChange> changes) {

  public ConfigChange {
    changes = List.copyOf(changes);
  }

  /** "$.api_version "2024-04-10" -> "2024-05-09", $.request_signing ..." for logs and alerts. */
  public String describe() {
    return String.join(", ",
        changes.stream().map(c -> c.path() + " " + c.before() + " -> " + c.after()).toList());
  }
}
