package io.cartprobe.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link RunRecord} on the wire, in {@code /api/history} and in the state file alike (what an
 * operator sees is what survives a restart): the record is flat, the wire nests what failed.
 */
record RunJson(
    Instant startedAt,
    Verdict verdict,
    @JsonProperty("duration_seconds") Duration duration,
    String traceId,
    Optional<Failed> failure,
    Optional<String> probableCause) {

  record Failed(String step, Optional<String> component, Optional<String> reason,
      Optional<String> message, Optional<String> classification, Optional<Integer> httpStatus) {}

  static RunJson of(RunRecord run) {
    return new RunJson(run.startedAt(), run.verdict(), run.duration(), run.traceId(),
        run.failedStep().map(step -> new Failed(step, run.component(), run.reason(),
            run.message(), run.classification(), run.httpStatus())),
        run.probableCause());
  }

  RunRecord record() {
    return new RunRecord(startedAt, verdict, duration, failure.map(Failed::step),
        failure.flatMap(Failed::component), failure.flatMap(Failed::reason),
        failure.flatMap(Failed::message), failure.flatMap(Failed::classification), traceId,
        probableCause, failure.flatMap(Failed::httpStatus));
  }
}
