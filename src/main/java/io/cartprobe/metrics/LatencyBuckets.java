package io.cartprobe.metrics;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Expect;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Step;
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
 * percentile histogram: a few meaningful buckets per series keeps the cardinality bounded.
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
      Stream<Duration> probeBudgets = Stream.of(probe.timeout());
      for (Step step : probe.steps()) {
        List<Duration> stepBudgets = budgets(step.expect());
        byStep.put(new StepKey(probe.name(), step.name()), withSlos(stepBudgets.stream()));
        probeBudgets = Stream.concat(probeBudgets, stepBudgets.stream());
      }
      byProbe.put(probe.name(), withSlos(probeBudgets));
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

  private static List<Duration> withSlos(Stream<Duration> extra) {
    TreeSet<Duration> all = new TreeSet<>(CHECKOUT_SLOS);
    extra.filter(d -> d.isPositive()).forEach(all::add);
    return List.copyOf(all);
  }

  private record StepKey(String probe, String step) {}
}
