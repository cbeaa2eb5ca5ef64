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
 * @param browser what a browser step saw in the page; absent for HTTP steps
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
    Optional<BrowserEvidence> browser) {

  public StepResult {
    assertions = List.copyOf(assertions);
  }

  /** An HTTP step's result. */
  public StepResult(String name, String component, StepStatus status, String method, String url,
      Optional<Integer> httpStatus, Duration duration, Timings timings,
      List<AssertionResult> assertions, Optional<FailureReason> reason, Optional<String> message,
      Optional<String> bodyExcerpt, Optional<String> classification,
      Optional<Instant> certNotAfter) {
    this(name, component, status, method, url, httpStatus, duration, timings, assertions, reason,
        message, bodyExcerpt, classification, certNotAfter, Optional.empty());
  }

  public static StepResult skipped(String name, String component, String method) {
    return new StepResult(name, component, StepStatus.SKIPPED, method, "", Optional.empty(),
        Duration.ZERO, Timings.NONE, List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }
}
