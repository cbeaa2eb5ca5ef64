package io.cartprobe.history;

/**
 * What a {@link RunRing} slot holds besides its numbers: failure details, and a trace id that is
 * not 32 lowercase hex digits (an imported or foreign id) kept as written.
 */
sealed interface RunExtra permits RunDetails, RunExtra.OddTrace {

  RunDetails details();

  record OddTrace(String traceId, RunDetails details) implements RunExtra {}
}
