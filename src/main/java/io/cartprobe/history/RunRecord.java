package io.cartprobe.history;

import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as history keeps it: what a pass/fail strip, a sparkline and "since when, and why"
 * need, and nothing else. A whole {@link ProbeResult} (steps, assertions, a 2 KiB body excerpt)
 * is kilobytes; a day of them per pair would be megabytes, so only the latest one is kept whole
 * and every run is kept as this.
 *
 * @param failedStep the first failed step; empty unless the verdict is failure
 * @param reason the failure reason's wire name ({@code status}, {@code timeout}, ...)
 * @param message the failure message, cut to {@link #MAX_MESSAGE} characters
 * @param httpStatus the HTTP status the failed step received, if any
 * @param probableCause {@link ProbableCause#summary()}, cut to {@link #MAX_CAUSE} characters
 */
public record RunRecord(
    Instant startedAt,
    Verdict verdict,
    Duration duration,
    Optional<String> failedStep,
    Optional<String> component,
    Optional<String> reason,
    Optional<String> message,
    Optional<String> classification,
    String traceId,
    Optional<String> probableCause,
    Optional<Integer> httpStatus) {

  /** Enough for "expected status 200, got 500" and its like; the full text is in the result. */
  public static final int MAX_MESSAGE = 200;

  public static final int MAX_CAUSE = 300;

  public RunRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(duration, "duration");
    traceId = Objects.requireNonNullElse(traceId, "");
    message = message.map(m -> shorten(m, MAX_MESSAGE));
    probableCause = probableCause.map(c -> shorten(c, MAX_CAUSE));
  }

  public static RunRecord of(ProbeResult result) {
    Optional<Failure> failure = result.failure();
    Optional<Integer> status = failure.flatMap(f -> result.steps().stream()
        .filter(s -> s.name().equals(f.step()))
        .findFirst()
        .flatMap(StepResult::httpStatus));
    return new RunRecord(
        result.startedAt(),
        result.verdict(),
        result.duration(),
        failure.map(Failure::step),
        failure.map(Failure::component),
        failure.map(f -> f.reason().wireName()),
        failure.map(Failure::message),
        failure.flatMap(Failure::classification),
        result.traceId(),
        result.probableCause().map(ProbableCause::summary),
        status);
  }

  public boolean failed() {
    return verdict == Verdict.FAILURE;
  }

  /** Counts towards the success ratio: degraded runs passed their checks, only slowly. */
  public boolean passed() {
    return verdict != Verdict.FAILURE;
  }

  private static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    // Do not cut a surrogate pair in half: the JSON and HTML writers would emit garbage.
    int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
    return text.substring(0, end) + "…";
  }
}
