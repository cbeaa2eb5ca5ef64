package io.cartprobe.alert;

import io.cartprobe.result.ProbableCause.FieldChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence gateway-config probes gave: their recorded config changes and their failures, per
 * (probe, environment), kept for a day and at most {@value #MAX_PER_PAIR} of each. The engine
 * reads it for config_changed_within and to name a probable cause.
 */
final class ConfigChanges {

  static final int MAX_PER_PAIR = 50;
  static final Duration KEEP = Duration.ofDays(1);

  record Change(Instant at, List<FieldChange> changes) {
    Change {
      changes = List.copyOf(changes);
    }
  }

  record GatewayFailure(Instant at, String message) {}

  private record Pair(String probe, String env) {}

  private final Map<Pair, Deque<Change>> changes = new HashMap<>();
  private final Map<Pair, Deque<GatewayFailure>> failures = new HashMap<>();

  void recordChange(String probe, String env, Instant at, List<FieldChange> fields) {
    add(changes.computeIfAbsent(new Pair(probe, env), p -> new ArrayDeque<>()),
        new Change(at, fields), at);
  }

  void recordFailure(String probe, String env, Instant at, String message) {
    add(failures.computeIfAbsent(new Pair(probe, env), p -> new ArrayDeque<>()),
        new GatewayFailure(at, message), at);
  }

  private static <T> void add(Deque<T> deque, T item, Instant at) {
    deque.addLast(item);
    while (deque.size() > MAX_PER_PAIR) {
      deque.removeFirst();
    }
  }

  List<Change> changes(String probe, String env) {
    return List.copyOf(changes.getOrDefault(new Pair(probe, env), new ArrayDeque<>()));
  }

  /** The latest change among {@code probes} in {@code env} at or after {@code from}. */
  Optional<Map.Entry<String, Change>> latestChange(List<String> probes, String env, Instant from) {
    Map.Entry<String, Change> best = null;
    for (String probe : probes) {
      for (Change c : changes.getOrDefault(new Pair(probe, env), new ArrayDeque<>())) {
        if (!c.at().isBefore(from) && (best == null || c.at().isAfter(best.getValue().at()))) {
          best = Map.entry(probe, c);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  Optional<Map.Entry<String, GatewayFailure>> latestFailure(
      List<String> probes, String env, Instant from) {
    Map.Entry<String, GatewayFailure> best = null;
    for (String probe : probes) {
      for (GatewayFailure f : failures.getOrDefault(new Pair(probe, env), new ArrayDeque<>())) {
        if (!f.at().isBefore(from) && (best == null || f.at().isAfter(best.getValue().at()))) {
          best = Map.entry(probe, f);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Forget evidence older than a day, so a long-running agent does not keep it forever. */
  void prune(Instant now) {
    Instant horizon = now.minus(KEEP);
    changes.values().forEach(d -> d.removeIf(c -> c.at().isBefore(horizon)));
    failures.values().forEach(d -> d.removeIf(f -> f.at().isBefore(horizon)));
  }

}
