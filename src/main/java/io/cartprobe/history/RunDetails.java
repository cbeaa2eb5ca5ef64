package io.cartprobe.history;

import java.util.Optional;

/**
 * The part of a {@link RunRecord} that is not a number: what failed and why. A passing run has
 * none, and a failing streak repeats the same one, so a ring holds one instance per change of
 * story rather than one per run.
 */
record RunDetails(
    Optional<String> failedStep,
    Optional<String> component,
    Optional<String> reason,
    Optional<String> message,
    Optional<String> classification,
    Optional<String> probableCause,
    Optional<Integer> httpStatus) implements RunExtra {

  static final RunDetails NONE = new RunDetails(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  static RunDetails of(RunRecord run) {
    return new RunDetails(run.failedStep(), run.component(), run.reason(), run.message(),
        run.classification(), run.probableCause(), run.httpStatus());
  }

  boolean none() {
    return equals(NONE);
  }

  @Override
  public RunDetails details() {
    return this;
  }
}
