package io.cartprobe.probe;

import java.time.Duration;

/**
 * When a step's time is up, on {@link System#nanoTime()}'s scale like the HTTP call's own
 * timeout. The network stops itself at the deadline; CPU-bound work on the response (matching,
 * parsing, JSONPath) checks it as it goes, through {@link DeadlineText} and {@link Json}.
 *
 * @param budget the time the step was given, for messages
 */
record Deadline(long nanos, Duration budget) {

  static Deadline after(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos(), budget);
  }

  boolean passed() {
    return System.nanoTime() - nanos >= 0;
  }

  /** @throws Exceeded once the deadline has passed */
  void check() {
    if (passed()) {
      throw new Exceeded();
    }
  }

  /** Unwinds the work in progress; the step reports it as a {@code timeout}. */
  static final class Exceeded extends RuntimeException {
    Exceeded() {
      super("deadline exceeded", null, false, false);
    }
  }
}
