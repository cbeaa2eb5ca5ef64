package io.cartprobe.slo;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.Durations;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Slo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes SLOs from stored runs: the agent's side of what {@code slo-rules} gives Prometheus. */
public final class SloCalculator {

  private final RunCounts counts;
  private final Clock clock;

  public SloCalculator(RunCounts counts, Clock clock) {
    this.counts = counts;
    this.clock = clock;
  }

  /** Every SLO × environment of the config, in the file's order. */
  public List<SloStatus> statuses(CartprobeConfig config) {
    List<SloStatus> out = new ArrayList<>();
    for (Slo slo : config.slos()) {
      for (String env : environments(slo, config)) {
        out.add(status(slo, env, config));
      }
    }
    return out;
  }

  /** The environments an SLO covers: its own list, else every one its probes run in. */
  public static List<String> environments(Slo slo, CartprobeConfig config) {
    Set<String> envs = new LinkedHashSet<>();
    for (ProbeConfig probe : probes(slo, config)) {
      for (String env : probe.environments()) {
        if (slo.environments().isEmpty() || slo.environments().contains(env)) {
          envs.add(env);
        }
      }
    }
    return List.copyOf(envs);
  }

  public SloStatus status(Slo slo, String env, CartprobeConfig config) {
    Instant now = clock.instant();
    List<RunCounts.Pair> pairs = pairs(slo, env, config);
    RunCounts.Counts window = sum(pairs, now.minus(slo.window()), now);
    double availability = window.total() == 0 ? Double.NaN
        : 1 - (double) window.bad(slo.degradedIsBad()) / window.total();
    Map<String, Double> burn = new LinkedHashMap<>();
    for (String label : BurnWindow.WINDOWS) {
      burn.put(label, burnRate(slo, env, config, Durations.parse(label).orElseThrow()));
    }
    return new SloStatus(slo, env, window, availability, 1 - burn(slo, window), burn,
        coverage(pairs, slo.window(), now));
  }

  /** The burn rate over the last {@code over}: 1 spends exactly the budget over the window. */
  public double burnRate(Slo slo, String env, CartprobeConfig config, Duration over) {
    Instant now = clock.instant();
    return burn(slo, sum(pairs(slo, env, config), now.minus(over), now));
  }

  // In percent: 1 - 0.99 is 0.010000000000000009 in binary, 100 - 99 is exactly 1.
  /** The burn rate of each of the last {@code points} steps, oldest first. */
  public List<Double> burnSeries(Slo slo, String env, CartprobeConfig config, Duration step, int points) {
    Instant now = clock.instant();
    List<RunCounts.Pair> pairs = pairs(slo, env, config);
    List<Double> out = new ArrayList<>();
    for (int i = points; i >= 1; i--) {
      Instant to = now.minus(step.multipliedBy(i - 1L));
      out.add(burn(slo, sum(pairs, to.minus(step), to)));
    }
    return out;
  }

  private static double burn(Slo slo, RunCounts.Counts counts) {
    return counts.total() == 0 ? 0
        : counts.bad(slo.degradedIsBad()) * 100.0 / (counts.total() * (100 - slo.objective()));
  }

  private RunCounts.Counts sum(List<RunCounts.Pair> pairs, Instant from, Instant to) {
    RunCounts.Counts total = RunCounts.Counts.NONE;
    for (RunCounts.Pair pair : pairs) {
      total = total.plus(counts.count(pair, from, to));
    }
    return total;
  }

  /** From the oldest run held (of any pair) to now, over the window; 0 with no runs. */
  private double coverage(List<RunCounts.Pair> pairs, Duration window, Instant now) {
    Instant oldest = null;
    for (RunCounts.Pair pair : pairs) {
      Instant since = counts.heldSince(pair).orElse(null);
      if (since != null && (oldest == null || since.isBefore(oldest))) {
        oldest = since;
      }
    }
    if (oldest == null) {
      return 0;
    }
    return Math.min(1, Math.max(0, (double) Duration.between(oldest, now).toMillis() / window.toMillis()));
  }

  private static List<RunCounts.Pair> pairs(Slo slo, String env, CartprobeConfig config) {
    return probes(slo, config).stream().filter(p -> p.environments().contains(env))
        .map(p -> new RunCounts.Pair(p.name(), env)).toList();
  }

  private static List<ProbeConfig> probes(Slo slo, CartprobeConfig config) {
    return config.probes().stream().filter(p -> slo.probes().contains(p.name())).toList();
  }
}
