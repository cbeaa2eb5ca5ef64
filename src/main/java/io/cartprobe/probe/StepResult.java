package io.cartprobe.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step as it ran. URL, excerpt, assertion values and messages are already redacted.
 *
 * @param httpStatus absent when no response arrived
 * @param bodyExcerpt at most 2 KiB of the response body, kept only when the step failed
 */
public record StepResult(
    String name,
    String component,
    StepStatus status,
    String method,
    String url,
    Optional<Integer> httpStatus,
    Duration duration,
    Timings timings,
    List<AssertionResult> assertions,
    Optional<FailureReason> reason,
    Optional<String> message,
    Optional<String> bodyExcerpt,
    Optional<String> classification) {

  public StepResult {
    assertions = List.copyOf(assertions);
  }

  public static StepResult skipped(String name, String component, String method) {
    return new StepResult(name, component, StepStatus.SKIPPED, method, "", Optional.empty(),
        Duration.ZERO, Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
