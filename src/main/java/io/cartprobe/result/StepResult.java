package io.cartprobe.result;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step as it ran. URL, excerpt, assertion values and messages are already redacted.
 *
 * @param httpStatus absent when no response arrived
 * @param bodyExcerpt at most 2 KiB of the response body, kept only when the step failed
 * @param certNotAfter over HTTPS, the earliest {@code notAfter} of the server's certificate chain
 * @param spanId the step's span id (16 hex digits): the parent id in the {@code traceparent} of
 *     its requests and the id of its exported span; empty for a step that did not run
 * @param startedAt when the step started; empty for a step that did not run
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
    Optional<String> classification,
    Optional<Instant> certNotAfter,
    String spanId,
    Optional<Instant> startedAt) {

  public StepResult {
    assertions = List.copyOf(assertions);
  }

  /** A step with no trace of its own: read back from JSON, or built by a test. */
  public StepResult(String name, String component, StepStatus status, String method, String url,
      Optional<Integer> httpStatus, Duration duration, Timings timings,
      List<AssertionResult> assertions, Optional<FailureReason> reason, Optional<String> message,
      Optional<String> bodyExcerpt, Optional<String> classification,
      Optional<Instant> certNotAfter) {
    this(name, component, status, method, url, httpStatus, duration, timings, assertions, reason,
        message, bodyExcerpt, classification, certNotAfter, "", Optional.empty());
  }

  /** This step as it ran at {@code startedAt}, its requests sent under span {@code spanId}. */
  public StepResult traced(String spanId, Instant startedAt) {
    return new StepResult(name, component, status, method, url, httpStatus, duration, timings,
        assertions, reason, message, bodyExcerpt, classification, certNotAfter, spanId,
        Optional.of(startedAt));
  }

  public static StepResult skipped(String name, String component, String method) {
    return new StepResult(name, component, StepStatus.SKIPPED, method, "", Optional.empty(),
        Duration.ZERO, Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
