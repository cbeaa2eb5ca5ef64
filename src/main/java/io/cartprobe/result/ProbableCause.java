package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a checkout probably failed, from the gateway's side: a gateway-config probe of the same
 * environment that failed, or whose watched configuration changed, within the lookback.
 *
 * @param probe the gateway-config probe that gave the evidence
 * @param at when it failed or saw the change
 * @param changes the watched fields that changed, before → after (empty if it only failed)
 * @param failure that probe's failure message, if it failed
 */
public record ProbableCause(
    String probe,
    @JsonProperty("env") String environment,
    Instant at,
    List<FieldChange> changes,
    Optional<String> failure) {

  public ProbableCause {
    changes = List.copyOf(changes);
  }

  /** One watched JSONPath whose value changed; values are JSON text, absent as "(absent)". */
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
