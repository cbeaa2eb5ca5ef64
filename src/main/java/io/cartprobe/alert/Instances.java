package io.cartprobe.alert;

import io.cartprobe.config.AlertRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's alert instances, found the ways a run needs them: a pair's instances resolved
 * once (a run looks its pair up, not every rule), and the live ones — firing, or holding back a
 * resolution — which are all a flush has to look at, so a run costs the same beside 10 or 10,000
 * quiet instances. Only the engine, under its lock, touches it.
 */
final class Instances {

  private record Pair(String probe, String env, String variant) {}

  private final List<AlertRule> rules;
  private final Map<AlertKey, AlertInstance> all = new LinkedHashMap<>();
  private final Map<Pair, List<AlertInstance>> byPair = new HashMap<>();
  /** By creation order, which is the order of {@link #all}: notifications go out in it. */
  private final TreeMap<Integer, AlertInstance> live = new TreeMap<>();
  /** Those whose firing state differs from what the gauge was last told, by creation order. */
  private final TreeMap<Integer, AlertInstance> unshown = new TreeMap<>();
  private long changes;

  Instances(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The instances of a pair, created on first sight (a result from a probe not in the config). */
  List<AlertInstance> of(String probe, String env, String variant) {
    Pair pair = new Pair(probe, env, variant);
    List<AlertInstance> known = byPair.get(pair);
    if (known != null) {
      return known;
    }
    List<AlertInstance> out = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (RuleWindows.matches(rule, probe, env)) {
        AlertKey key = new AlertKey(rule.name(), probe, env, variant);
        out.add(all.computeIfAbsent(key, k -> {
          AlertInstance created = new AlertInstance(k, rule, all.size());
          unshown.put(created.order, created);
          return created;
        }));
      }
    }
    changes++;
    List<AlertInstance> resolved = List.copyOf(out);
    byPair.put(pair, resolved);
    return resolved;
  }

  /** Every instance, in rule order. */
  Collection<AlertInstance> all() {
    return all.values();
  }

  /** To be called after anything that may have changed an instance's state. */
  void track(AlertInstance instance) {
    if (instance.firing() || instance.pendingResolved != null) {
      live.put(instance.order, instance);
    }
    if (!Boolean.valueOf(instance.firing()).equals(instance.shownFiring)) {
      unshown.put(instance.order, instance);
    }
  }

  /** The instances whose firing state the gauge has not been told yet; from now on it has. */
  List<AlertInstance> takeUnshown() {
    List<AlertInstance> out = new ArrayList<>();
    for (AlertInstance i : unshown.values()) {
      if (!Boolean.valueOf(i.firing()).equals(i.shownFiring)) {
        i.shownFiring = i.firing();
        out.add(i);
      }
    }
    unshown.clear();
    return out;
  }

  /** A state put back from the file. */
  void restored(AlertInstance instance) {
    changes++;
    track(instance);
  }

  /** The live instances in order (those found quiet again are dropped first). */
  List<AlertInstance> live() {
    live.values().removeIf(i -> !i.firing() && i.pendingResolved == null);
    return List.copyOf(live.values());
  }

  /** Instances created and states restored so far. */
  long changes() {
    return changes;
  }
}
