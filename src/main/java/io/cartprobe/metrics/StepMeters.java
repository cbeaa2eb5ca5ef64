package io.cartprobe.metrics;

import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/** One step's last HTTP status and timing phases, and (multi-step probes) its histogram. */
final class StepMeters {

  private static final String[] PHASES = {"dns", "connect", "tls", "request", "ttfb", "transfer"};
  private static final SeriesText.Labels[] PHASE_LABELS = new SeriesText.Labels[PHASES.length];

  static {
    for (int i = 0; i < PHASES.length; i++) {
      PHASE_LABELS[i] = SeriesText.extra("phase", PHASES[i]);
    }
  }

  final String name;
  private final SeriesText.Labels labels;
  /** [0] the HTTP status, [1..6] the phases in seconds, as double bits. */
  private final AtomicLongArray last = new AtomicLongArray(1 + PHASES.length);
  private final @Nullable RunHistogram histogram;

  StepMeters(PairShape shape, int index, Map<String, String> agentLabels) {
    name = shape.steps().get(index);
    labels = SeriesText.labels(agentLabels, "env", shape.env(), "probe", shape.probe(),
        "step", name, "variant", shape.variant());
    histogram = shape.stepHistograms() ? new RunHistogram(shape.stepBounds().get(index)) : null;
  }

  boolean sameBuckets(StepMeters other) {
    return histogram == null ? other.histogram == null
        : other.histogram != null && histogram.bounds().equals(other.histogram.bounds());
  }

  /** A skipped step did not run: its phases and status are zero ("did not happen"). */
  void record(StepResult step, String traceId, Instant at) {
    Timings t = step.timings();
    set(0, step.httpStatus().orElse(0));
    set(1, seconds(t.dns()));
    set(2, seconds(t.connect()));
    set(3, seconds(t.tls()));
    set(4, seconds(t.request()));
    set(5, seconds(t.ttfb()));
    set(6, seconds(t.transfer()));
    if (histogram != null && step.status() != StepStatus.SKIPPED) {
      histogram.record(step.duration(), traceId, step.spanId(), at);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private void set(int cell, double value) {
    last.set(cell, Double.doubleToRawLongBits(value));
  }

  private double get(int cell) {
    return Double.longBitsToDouble(last.get(cell));
  }

  void write(Family family, StringBuilder out, boolean openMetrics) {
    switch (family) {
      case STEP_HTTP_STATUS -> SeriesText.sample(out, family.metric, labels, SeriesText.Labels.NONE, get(0));
      case STEP_PHASE -> {
        for (int i = 0; i < PHASES.length; i++) {
          SeriesText.sample(out, family.metric, labels, PHASE_LABELS[i], get(1 + i));
        }
      }
      case STEP_DURATION -> {
        if (histogram != null) {
          histogram.write(out, family.metric, labels, openMetrics);
        }
      }
      default -> throw new IllegalArgumentException(family.name());
    }
  }
}
