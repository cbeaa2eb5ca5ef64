package io.cartprobe.probe;

import io.cartprobe.config.Environment;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Step;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a run has got, written by the run's thread and read by whoever gives up waiting for
 * it: the agent abandons a run that outstays every limit its config sets, and still has to say
 * which step it was stuck in, and what the steps before it found.
 */
public final class RunProgress {

  private Redactor redactor; // null until the run starts
  private String traceId = "";
  private int attempt;
  private final List<StepResult> finished = new ArrayList<>();
  private Step current;

  synchronized void started(String traceId, Redactor redactor) {
    this.traceId = traceId;
    this.redactor = redactor;
  }

  synchronized void attemptStarted(int number) {
    attempt = number;
    finished.clear();
    current = null;
  }

  synchronized void stepStarted(Step step) {
    current = step;
  }

  synchronized void stepFinished(StepResult result) {
    finished.add(result);
    current = null;
  }

  /**
   * The result of a run given up on after {@code waited}: the steps that finished as they did,
   * the step it was in failed as a {@code timeout}, the rest skipped. Redacted like any result.
   *
   * @param limit the most the run could take by its config (timeout × attempts, cleanup)
   */
  public synchronized ProbeResult abandoned(ProbeConfig probe, Environment env, Instant startedAt,
      Duration waited, Duration limit) {
    List<StepResult> steps = new ArrayList<>(finished);
    String message = "the run was still going " + waited.toMillis() + "ms after it started, past the "
        + limit.toMillis() + "ms its timeout, retries and cleanup allow; the agent stopped waiting"
        + " for it and freed the probe for its next run";
    Step stuck = current;
    List<Step> all = probe.steps();
    int next = steps.size();
    if (stuck == null && next < all.size()) {
      stuck = all.get(next); // between two steps: blame the one that was about to start
    }
    Failure failure = new Failure(stuck == null ? "cleanup" : stuck.name(),
        stuck == null ? "" : stuck.component(), FailureReason.TIMEOUT, message,
        Optional.empty(), Optional.empty(), Optional.empty());
    if (stuck != null) {
      steps.add(new StepResult(stuck.name(), stuck.component(), StepStatus.FAILED,
          stuck.request().method(), stuck.request().url(), Optional.empty(), waited,
          Timings.NONE, List.of(), Optional.of(FailureReason.TIMEOUT), Optional.of(message),
          Optional.empty(), Optional.empty(), Optional.empty()));
      for (int i = steps.size(); i < all.size(); i++) {
        Step rest = all.get(i);
        steps.add(StepResult.skipped(rest.name(), rest.component(), rest.request().method()));
      }
    }
    ProbeResult result = new ProbeResult(probe.name(), env.name(), probe.type(), startedAt,
        waited, Verdict.FAILURE, Math.max(1, attempt), traceId, steps, Optional.of(failure),
        List.of(), List.of("abandoned: " + message), Map.of(), Optional.empty());
    return (redactor == null ? Redactor.forEnvironment(env) : redactor).redact(result);
  }
}
