package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.StepResult;
import java.util.Optional;

/** Why a step failed, before it is put into a {@link StepResult} and {@link Failure}. */
record StepProblem(
    FailureReason reason, String message, Optional<String> expected, Optional<String> actual) {

  static StepProblem of(FailureReason reason, String message) {
    return new StepProblem(reason, message, Optional.empty(), Optional.empty());
  }

  static StepProblem of(FailureReason reason, AssertionResult failed) {
    return new StepProblem(reason,
        failed.check() + ": expected " + failed.expected() + ", got " + failed.actual(),
        Optional.of(failed.expected()), Optional.of(failed.actual()));
  }
}
