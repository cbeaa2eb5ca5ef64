package io.cartprobe.metrics;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Expect;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Step;
import io.cartprobe.probe.ProbeRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The histogram bucket boundaries of the duration histograms, per probe and per step.
 *
 * <p>Fixed service-level-objective buckets suited to checkout latencies, plus one exact bucket at
 * every latency budget the user configured ({@code max_latency}, {@code degraded_latency}, and
 * for a whole probe its {@code timeout}): then "share of runs within budget" is an exact
 * {@code le} lookup in PromQL instead of an interpolation between unrelated buckets. No
 * percentile histogram: a few meaningful buckets per series keeps the cardinality bounded, and
 * none above the longest run the probe's config allows ({@link ProbeRunner#longestRun}).
 */
public final class LatencyBuckets {

  /** Checkout latencies: from a fast API call to a flow close to its deadline. */
  public static final List<Duration> CHECKOUT_SLOS = List.of(
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30));

  private final Map<String, List<Duration>> byProbe;
  private final Map<StepKey, List<Duration>> byStep;

  private LatencyBuckets(Map<String, List<Duration>> byProbe, Map<StepKey, List<Duration>> byStep) {
    this.byProbe = Map.copyOf(byProbe);
    this.byStep = Map.copyOf(byStep);
  }

  /** Only the fixed buckets: for a probe or step the configuration does not mention. */
  public static LatencyBuckets defaults() {
    return new LatencyBuckets(Map.of(), Map.of());
  }

  public static LatencyBuckets from(CartprobeConfig config) {
    Map<String, List<Duration>> byProbe = new HashMap<>();
    Map<StepKey, List<Duration>> byStep = new HashMap<>();
    for (ProbeConfig probe : config.probes()) {
      Duration longest = ProbeRunner.longestRun(probe);
      Stream<Duration> probeBudgets = Stream.of(probe.timeout());
      for (Step step : probe.steps()) {
        List<Duration> stepBudgets = budgets(step.expect());
        byStep.put(new StepKey(probe.name(), step.name()),
            withSlos(stepBudgets.stream(), longest));
        probeBudgets = Stream.concat(probeBudgets, stepBudgets.stream());
      }
      byProbe.put(probe.name(), withSlos(probeBudgets, longest));
    }
    return new LatencyBuckets(byProbe, byStep);
  }

  /** Boundaries for the whole-flow histogram of a probe, ascending. */
  public List<Duration> probe(String probe) {
    return byProbe.getOrDefault(probe, CHECKOUT_SLOS);
  }

  /** Boundaries for one step's histogram, ascending. */
  public List<Duration> step(String probe, String step) {
    return byStep.getOrDefault(new StepKey(probe, step), CHECKOUT_SLOS);
  }

  private static List<Duration> budgets(Expect expect) {
    return Stream.concat(expect.maxLatency().stream(), expect.degradedLatency().stream()).toList();
  }

  /**
   * Boundaries up to the first one at or past {@code longest}, the longest run the agent waits
   * for: a bucket beyond that always equals {@code +Inf} and would only cost bytes. Keeping the
   * first one past it means {@code le="2.5"} (the shipped SLO rules) exists for every probe,
   * since a run may always take longer than 1 s.
   */
  private static List<Duration> withSlos(Stream<Duration> extra, Duration longest) {
    TreeSet<Duration> all = new TreeSet<>(CHECKOUT_SLOS);
    extra.filter(d -> d.isPositive()).forEach(all::add);
    Duration last = all.ceiling(longest);
    return List.copyOf(last == null ? all : all.headSet(last, true));
  }

  private record StepKey(String probe, String step) {}
}
