package io.cartprobe.metrics;

import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * The probe series of one (probe, environment, variant) pair, resolved once from its
 * {@link PairShape}: recording a run is a few atomic writes, with no lookup of a meter or label.
 */
final class PairMeters {

  private static final Verdict[] VERDICTS = Verdict.values();
  private static final SeriesText.Labels[] RESULT_LABELS = new SeriesText.Labels[VERDICTS.length];
  private static final String[] OUTCOMES = {"first_try", "after_retry", "failed"};
  private static final SeriesText.Labels[] OUTCOME_LABELS =
      new SeriesText.Labels[OUTCOMES.length];
  private static final int AFTER_RETRY = 1;

  static {
    for (Verdict v : VERDICTS) {
      RESULT_LABELS[v.ordinal()] = SeriesText.extra("result", v.wireName());
    }
    for (int i = 0; i < OUTCOMES.length; i++) {
      OUTCOME_LABELS[i] = SeriesText.extra("outcome", OUTCOMES[i]);
    }
  }

  // cells: success and last success as double bits, then the counters
  private static final int SUCCESS = 0;
  private static final int LAST_SUCCESS = 1;
  private static final int RUNS = 2;
  private static final int ATTEMPTS = RUNS + VERDICTS.length;
  private static final int CLEANUP = ATTEMPTS + OUTCOMES.length;

  private record FailureCount(SeriesText.Labels labels, AtomicLong count) {}

  final PairShape shape;
  private final SeriesText.Labels labels;
  private final AtomicLongArray cells = new AtomicLongArray(CLEANUP + 1);
  private final RunHistogram duration;
  private final StepMeters[] steps;
  /** Series appear with the pair's first run, as before; never a 0 success gauge first. */
  private volatile boolean seen;
  private final Map<String, FailureCount> failures = new ConcurrentHashMap<>();

  PairMeters(PairShape shape, Map<String, String> agentLabels) {
    this(shape, agentLabels, null);
  }

  /**
   * A pair whose config changed: counters, gauges, and every histogram whose buckets stayed keep
   * their values from {@code previous} (a run recorded during the swap may be lost; reloads are
   * rare). Only what changed starts again.
   */
  PairMeters(PairShape shape, Map<String, String> agentLabels, @Nullable PairMeters previous) {
    this.shape = shape;
    labels = SeriesText.labels(agentLabels, "env", shape.env(), "probe", shape.probe(),
        "variant", shape.variant());
    cells.set(LAST_SUCCESS, Double.doubleToRawLongBits(Double.NaN));
    duration = previous != null && previous.duration.bounds().equals(shape.probeBounds())
        ? previous.duration : new RunHistogram(shape.probeBounds());
    steps = new StepMeters[shape.steps().size()];
    for (int i = 0; i < steps.length; i++) {
      StepMeters fresh = new StepMeters(shape, i, agentLabels);
      StepMeters kept = previous == null ? null : previous.step(i, fresh.name);
      steps[i] = kept != null && kept.sameBuckets(fresh) ? kept : fresh;
    }
    if (previous != null) {
      for (int i = 0; i < cells.length(); i++) {
        cells.set(i, previous.cells.get(i));
      }
      failures.putAll(previous.failures);
      seen = previous.seen;
    }
  }

  /** @param now when it is recorded: the time of its exemplars, as a scraper expects */
  void record(ProbeResult result, Instant now) {
    boolean ok = result.verdict() != Verdict.FAILURE;
    Instant end = result.startedAt().plus(result.duration());
    cells.set(SUCCESS, Double.doubleToRawLongBits(ok ? 1 : 0));
    if (ok) {
      cells.set(LAST_SUCCESS, Double.doubleToRawLongBits(end.toEpochMilli() / 1000.0));
    }
    duration.record(result.duration(), result.traceId(), result.spanId(), now);
    cells.incrementAndGet(RUNS + result.verdict().ordinal());
    int outcome = !ok ? 2 : result.attempts() > 1 ? AFTER_RETRY : 0;
    cells.incrementAndGet(ATTEMPTS + outcome);
    result.failure().ifPresent(this::recordFailure);
    List<StepResult> stepResults = result.steps();
    for (int i = 0; i < stepResults.size(); i++) {
      StepMeters meters = step(i, stepResults.get(i).name());
      if (meters != null) {
        meters.record(stepResults.get(i), result.traceId(), now);
      }
    }
    for (StepResult cleanup : result.cleanup()) {
      if (cleanup.status() == StepStatus.FAILED) {
        cells.incrementAndGet(CLEANUP);
      }
    }
    seen = true;
  }

  /** The step at {@code index} when the run followed the config (it does), else by name. */
  private @Nullable StepMeters step(int index, String name) {
    if (index < steps.length && steps[index].name.equals(name)) {
      return steps[index];
    }
    for (StepMeters s : steps) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    return null;
  }

  private void recordFailure(Failure failure) {
    String reason = failure.reason().wireName();
    failures.computeIfAbsent(failure.step() + '\0' + reason, k -> new FailureCount(
            SeriesText.extra("reason", reason, "step", failure.step()),
            new AtomicLong()))
        .count().incrementAndGet();
  }

  boolean seen() {
    return seen;
  }

  void write(Family family, StringBuilder out, boolean openMetrics) {
    String name = family.metric;
    switch (family) {
      case SUCCESS -> SeriesText.sample(out, name, labels, SeriesText.Labels.NONE, gauge(SUCCESS));
      case LAST_SUCCESS -> {
        if (!Double.isNaN(gauge(LAST_SUCCESS))) {
          SeriesText.sample(out, name, labels, SeriesText.Labels.NONE, gauge(LAST_SUCCESS));
        }
      }
      case RUNS -> {
        for (int i = 0; i < VERDICTS.length; i++) {
          SeriesText.sample(out, name, labels, RESULT_LABELS[i], cells.get(RUNS + i));
        }
      }
      case ATTEMPTS -> {
        for (int i = 0; i < OUTCOMES.length; i++) {
          long n = cells.get(ATTEMPTS + i);
          // after_retry is always 0 for a probe without retries: written only if it ever moved
          if (i != AFTER_RETRY || shape.retries() || n > 0) {
            SeriesText.sample(out, name, labels, OUTCOME_LABELS[i], n);
          }
        }
      }
      case CLEANUP_FAILURES -> {
        long n = cells.get(CLEANUP);
        if (shape.cleanup() || n > 0) {
          SeriesText.sample(out, name, labels, SeriesText.Labels.NONE, n);
        }
      }
      case FAILURES -> failures.values().forEach(f ->
          SeriesText.sample(out, name, labels, f.labels(), f.count().get()));
      case DURATION -> duration.write(out, name, labels, openMetrics);
      case STEP_DURATION, STEP_HTTP_STATUS, STEP_PHASE -> {
        for (StepMeters s : steps) {
          s.write(family, out, openMetrics);
        }
      }
      case ALERT_FIRING -> throw new IllegalArgumentException(family.name());
    }
  }

  private double gauge(int cell) {
    return Double.longBitsToDouble(cells.get(cell));
  }
}
