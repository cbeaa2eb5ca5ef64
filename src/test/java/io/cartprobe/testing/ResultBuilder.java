package io.cartprobe.testing;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ProbeResult} as the probe engine would make it, with defaults for what a test does not
 * care about: a checkout that passed in 300 ms at {@link Results#T0}, one attempt, trace
 * {@link Results#TRACE}, no steps. The verdict follows the failure unless set.
 */
public final class ResultBuilder {

  private final String probe;
  private final String env;
  private ProbeType type = ProbeType.CHECKOUT;
  private Instant at = Results.T0;
  private Duration took = Duration.ofMillis(300);
  private Verdict verdict;
  private int attempts = 1;
  private String trace = Results.TRACE;
  private List<StepResult> steps = List.of();
  private Optional<Failure> failure = Optional.empty();
  private List<StepResult> cleanup = List.of();
  private List<String> notes = List.of();
  private Map<String, String> watched = Map.of();
  private Optional<ProbableCause> cause = Optional.empty();

  ResultBuilder(String probe, String env) {
    this.probe = probe;
    this.env = env;
  }

  public ResultBuilder type(String probeType) {
    this.type = ProbeType.fromWireName(probeType).orElseThrow();
    return this;
  }

  public ResultBuilder at(Instant startedAt) {
    this.at = startedAt;
    return this;
  }

  public ResultBuilder took(Duration duration) {
    this.took = duration;
    return this;
  }

  public ResultBuilder verdict(Verdict value) {
    this.verdict = value;
    return this;
  }

  public ResultBuilder attempts(int count) {
    this.attempts = count;
    return this;
  }

  public ResultBuilder trace(String traceId) {
    this.trace = traceId;
    return this;
  }

  public ResultBuilder steps(StepResult... all) {
    this.steps = List.of(all);
    return this;
  }

  public ResultBuilder cleanup(StepResult... all) {
    this.cleanup = List.of(all);
    return this;
  }

  public ResultBuilder notes(String... all) {
    this.notes = List.of(all);
    return this;
  }

  public ResultBuilder watched(Map<String, String> values) {
    this.watched = values;
    return this;
  }

  public ResultBuilder cause(ProbableCause probableCause) {
    this.cause = Optional.of(probableCause);
    return this;
  }

  /** The run failed at {@code step}, saying what the step says; expected and actual as given. */
  public ResultBuilder failedAt(StepResult step, String expected, String actual) {
    return failure(new Failure(step.name(), step.component(),
        step.reason().orElse(FailureReason.STATUS), step.message().orElse(""),
        Optional.ofNullable(expected), Optional.ofNullable(actual), step.classification()));
  }

  public ResultBuilder failure(Failure value) {
    this.failure = Optional.of(value);
    return this;
  }

  public ProbeResult build() {
    Verdict v = verdict != null ? verdict : failure.isPresent() ? Verdict.FAILURE : Verdict.SUCCESS;
    return new ProbeResult(probe, env, type, at, took, v, attempts, trace, steps, failure,
        cleanup, notes, watched, cause);
  }
}
