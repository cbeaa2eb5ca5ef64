package io.cartprobe.watch;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ResultSink;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who probably broke checkout? Keeps recent gateway-config evidence per environment (changes of
 * watched configuration, and each gateway-config probe's latest run) and, for a failed checkout,
 * names the gateway-config probe of the same environment that changed or failed within the
 * lookback. Without such evidence it claims nothing: a wrong culprit costs the hour this exists
 * to save. Thread-safe; a result consumer that never runs probes.
 */
public final class Attribution implements ResultSink, ConfigChangeSink {

  public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(30);

  /** Changes kept per environment; more than this within a lookback is a flapping provider. */
  static final int CHANGES_KEPT = 32;

  private record LatestRun(Instant at, Optional<String> failure) {}

  private final Clock clock;
  private final Map<String, Deque<ConfigChange>> changes = new HashMap<>();
  private final Map<String, Map<String, LatestRun>> latestRuns = new HashMap<>();

  public Attribution(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void accept(ProbeResult result) {
    record(result);
  }

  @Override
  public void accept(ConfigChange change) {
    record(change);
  }

  /** A gateway-config run: its failure is evidence until a later run of it passes. */
  public synchronized void record(ProbeResult result) {
    if (result.probeType() != ProbeType.GATEWAY_CONFIG) {
      return;
    }
    latestRuns.computeIfAbsent(result.environment(), e -> new LinkedHashMap<>())
        .put(result.probe(), new LatestRun(result.startedAt(),
            result.failure().map(f -> f.message())));
  }

  /** A change from {@link ConfigWatch}: evidence for the lookback, healthy probe or not. */
  public synchronized void record(ConfigChange change) {
    Deque<ConfigChange> kept = changes.computeIfAbsent(change.environment(), e -> new ArrayDeque<>());
    kept.addLast(change);
    while (kept.size() > CHANGES_KEPT) {
      kept.removeFirst();
    }
  }

  public Optional<ProbableCause> probableCause(ProbeResult checkout) {
    return probableCause(checkout, DEFAULT_LOOKBACK);
  }

  /**
   * The probable cause of a failed checkout run: the latest change of a gateway-config probe of
   * the same environment within the lookback (with that probe's failure, if its latest run
   * failed too), else the latest gateway-config probe whose latest run failed within it.
   * Empty for a run that did not fail, or when the gateway looked healthy and unchanged.
   */
  public synchronized Optional<ProbableCause> probableCause(ProbeResult checkout,
      Duration lookback) {
    if (!checkout.failed() || checkout.probeType() != ProbeType.CHECKOUT) {
      return Optional.empty();
    }
    String env = checkout.environment();
    Instant since = clock.instant().minus(lookback);
    Map<String, LatestRun> runs = latestRuns.getOrDefault(env, Map.of());

    Optional<ConfigChange> change = changes.getOrDefault(env, new ArrayDeque<>()).stream()
        .filter(c -> !c.at().isBefore(since))
        .max(Comparator.comparing(ConfigChange::at));
    if (change.isPresent()) {
      ConfigChange c = change.get();
      Optional<String> failure = Optional.ofNullable(runs.get(c.probe()))
          .filter(r -> !r.at().isBefore(since)).flatMap(LatestRun::failure);
      return Optional.of(new ProbableCause(c.probe(), env, c.at(), c.changes(), failure));
    }
    return runs.entrySet().stream()
        .filter(e -> e.getValue().failure().isPresent() && !e.getValue().at().isBefore(since))
        .max(Comparator.comparing(e -> e.getValue().at()))
        .map(e -> new ProbableCause(e.getKey(), env, e.getValue().at(), java.util.List.of(),
            e.getValue().failure()));
  }
}
