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
 * The config changes gateway-config probes saw, per (probe, environment), kept for a day and at
 * most {@value #MAX_PER_PAIR}: what config_changed_within counts. (A checkout's probable cause
 * comes with its result, from attribution, not from here.)
 */
final class ConfigChanges {

  static final int MAX_PER_PAIR = 50;
  static final Duration KEEP = Duration.ofDays(1);

  record Change(Instant at, List<FieldChange> changes) {
    Change {
      changes = List.copyOf(changes);
    }
  }

  private record Pair(String probe, String env) {}

  private final Map<Pair, Deque<Change>> changes = new HashMap<>();

  void recordChange(String probe, String env, Instant at, List<FieldChange> fields) {
    add(changes.computeIfAbsent(new Pair(probe, env), p -> new ArrayDeque<>()),
        new Change(at, fields), at);
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

  /** Forget evidence older than a day, so a long-running agent does not keep it forever. */
  void prune(Instant now) {
    Instant horizon = now.minus(KEEP);
    changes.values().forEach(d -> d.removeIf(c -> c.at().isBefore(horizon)));
  }
}
