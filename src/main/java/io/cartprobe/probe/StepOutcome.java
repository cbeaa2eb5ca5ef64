package io.cartprobe.probe;

import java.util.Optional;

/**
 * A step's result plus what the runner needs to decide about retries.
 *
 * @param mayHaveReachedServer request headers began to be written
 * @param safeToResend the method is idempotent or the request carried an Idempotency-Key
 * @param problem why it failed, if it did
 */
record StepOutcome(
    StepResult result,
    boolean mayHaveReachedServer,
    boolean safeToResend,
    Optional<StepProblem> problem) {

  boolean failed() {
    return problem.isPresent();
  }
}
