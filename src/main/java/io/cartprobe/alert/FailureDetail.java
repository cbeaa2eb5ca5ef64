package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Optional;

/**
 * What broke, in the words the on-call engineer needs first: the step, who owns it, why, what
 * was expected and what came back. For a failed run it is the run's {@code Failure}; for
 * latency, certificate and config-change alerts the engine words it the same way so every
 * format can render one shape.
 *
 * @param bodyExcerpt the failed response's excerpt, already redacted by the probe engine
 * @param artifacts a failed browser step's screenshot and page logs as the agent serves them
 *     ({@code /artifacts/RUN/}, a path on the agent); absent otherwise, and then not in JSON
 */
@JsonNaming(LowerCamelCaseStrategy.class)
public record FailureDetail(
    String step,
    String component,
    String reason,
    String message,
    Optional<String> expected,
    Optional<String> actual,
    Optional<String> classification,
    Optional<String> bodyExcerpt,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> artifacts) {

  public FailureDetail {
    artifacts = artifacts == null ? Optional.empty() : artifacts;
  }

  public FailureDetail(String step, String component, String reason, String message,
      Optional<String> expected, Optional<String> actual, Optional<String> classification,
      Optional<String> bodyExcerpt) {
    this(step, component, reason, message, expected, actual, classification, bodyExcerpt,
        Optional.empty());
  }
}
