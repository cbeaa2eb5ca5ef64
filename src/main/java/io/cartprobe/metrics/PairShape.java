package io.cartprobe.metrics;

import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import java.time.Duration;
import java.util.List;

/**
 * What a pair's configuration decides about its series: the buckets, the steps, and which series
 * it makes constant. A step histogram exists only for a probe of two or more steps (with one step
 * it would repeat the probe's); {@code after_retry} only with retries; cleanup failures only with
 * cleanup steps. A reload that changes a pair's shape starts its series afresh.
 */
record PairShape(String probe, String env, String variant, List<Duration> probeBounds,
    List<String> steps, List<List<Duration>> stepBounds, boolean retries, boolean cleanup) {

  static PairShape of(ProbeConfig probe, String env, String variant, LatencyBuckets buckets) {
    List<String> steps = probe.steps().stream().map(s -> s.name()).toList();
    List<List<Duration>> stepBounds = steps.size() < 2 ? List.of()
        : steps.stream().map(s -> buckets.step(probe.name(), s)).toList();
    boolean cleanup = probe instanceof CheckoutProbe c && !c.cleanup().isEmpty();
    return new PairShape(probe.name(), env, variant, buckets.probe(probe.name()), steps,
        stepBounds, probe.retries() > 0, cleanup);
  }

  /** A pair the configuration does not know (a test, or a result racing a reload): all series. */
  static PairShape unconfigured(ProbeResult result, LatencyBuckets buckets) {
    List<String> steps = result.steps().stream().map(StepResult::name).toList();
    List<List<Duration>> stepBounds = steps.size() < 2 ? List.of()
        : steps.stream().map(s -> buckets.step(result.probe(), s)).toList();
    return new PairShape(result.probe(), result.environment(), result.variant(),
        buckets.probe(result.probe()), steps, stepBounds, true, true);
  }

  boolean stepHistograms() {
    return !stepBounds.isEmpty();
  }
}
