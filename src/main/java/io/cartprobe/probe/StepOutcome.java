package io.cartprobe.probe;

import io.cartprobe.result.StepResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A step's result plus what the runner needs to decide about retries.
 *
 * @param mayHaveReachedServer request headers began to be written
 * @param safeToResend the method is idempotent or the request carried an Idempotency-Key
 * @param problem why it failed, if it did
 * @param watched the watched JSONPaths' values as canonical JSON text (gateway-config only)
 */
record StepOutcome(
    StepResult result,
    boolean mayHaveReachedServer,
    boolean safeToResend,
    Optional<StepProblem> problem,
    Map<String, String> watched) {

  StepOutcome(StepResult result, boolean mayHaveReachedServer, boolean safeToResend,
      Optional<StepProblem> problem) {
    this(result, mayHaveReachedServer, safeToResend, problem, Map.of());
  }

  /** This outcome with its step's span id and start time recorded. */
  StepOutcome traced(String spanId, Instant startedAt) {
    return new StepOutcome(result.traced(spanId, startedAt), mayHaveReachedServer, safeToResend,
        problem, watched);
  }

  boolean failed() {
    return problem.isPresent();
  }
}
