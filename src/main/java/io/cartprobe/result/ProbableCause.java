package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a checkout probably failed, from the gateway's side: a gateway-config probe that the failing
 * step depends on, whose watched configuration changed (and is still changed) since the last good
 * run, or which is failing itself. Only named when the evidence fits the step and the timing; see
 * docs/attribution.md for the rules.
 *
 * @param probe the gateway-config probe that gave the evidence
 * @param at when it failed or saw the change
 * @param changes the watched fields that differ from what they were at the last good run, before →
 *     after (empty if it only failed)
 * @param failure that probe's failure message, if it is failing
 * @param confidence {@code likely} when the evidence began after the checkout's last good run;
 *     {@code possible} when no good run is known to say which came first
 * @param why the rule that chose it, in words ("authorize_payment (payment-gateway) depends on ...")
 */
public record ProbableCause(
    String probe,
    @JsonProperty("env") String environment,
    Instant at,
    List<FieldChange> changes,
    Optional<String> failure,
    Confidence confidence,
    String why) {

  /** Said first in every alert: no gateway evidence is better than a wrong culprit. */
  public static final String NO_EVIDENCE = "no gateway evidence";

  public ProbableCause {
    changes = List.copyOf(changes);
    // Results written before confidence was recorded claimed more than they knew: possible.
    confidence = confidence == null ? Confidence.POSSIBLE : confidence;
    why = why == null ? "" : why;
  }

  public enum Confidence {
    LIKELY, POSSIBLE;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record FieldChange(String path, String before, String after) {}

  /** One line for people: "gateway-config changed $.request_signing "a" → "b" at 10:00:03Z". */
  @JsonProperty(value = "summary", access = JsonProperty.Access.READ_ONLY)
  public String summary() {
    StringBuilder text = new StringBuilder(probe);
    if (!changes.isEmpty()) {
      text.append(" changed ");
      text.append(String.join(", ", changes.stream()
          .map(c -> c.path() + " " + c.before() + " -> " + c.after()).toList()));
      failure.ifPresent(f -> text.append(" and failed: ").append(f));
    } else {
      text.append(" failed: ").append(failure.orElse("(no message)"));
    }
    return text.append(" at ").append(at).toString();
  }
}
