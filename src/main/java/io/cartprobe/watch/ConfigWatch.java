package io.cartprobe.watch;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps, per (gateway-config probe, environment), the baseline of its watched values and turns
 * each new result into a {@link ConfigChange} when any watched value differs. The first values
 * seen (or those restored from the state file) are the baseline; after a change the new values
 * become it, so a change back is a second change. A result consumer: it never runs probes.
 * Thread-safe: the agent feeds it from many probe runs at once.
 */
public final class ConfigWatch {

  /** How a path missing from the response reads in a change. */
  public static final String ABSENT = "(absent)";

  private record Key(String probe, String environment) {}

  /**
   * @param paths the watch list the values were taken with: a path added to the list later is
   *     adopted silently instead of reported as appearing from nowhere
   */
  private record Baseline(List<String> paths, Map<String, String> values, Instant since,
      Optional<ConfigChange> lastChange) {}

  private final Map<Key, Baseline> baselines = new LinkedHashMap<>();

  /**
   * Compares a result of {@code probe} with its baseline.
   *
   * <p>A run that observed none of the watched paths (a transport failure, an error body that
   * is not the config document) says nothing about the configuration and is skipped: its
   * failure is evidence of its own, and a "change to absent" would be noise.
   *
   * @return the change, when there was a baseline and a watched value differs from it
   */
  public synchronized Optional<ConfigChange> observe(GatewayConfigProbe probe, ProbeResult result) {
    if (!probe.name().equals(result.probe())) {
      throw new IllegalArgumentException(
          "result of probe '" + result.probe() + "' given for probe '" + probe.name() + "'");
    }
    Key key = new Key(result.probe(), result.environment());
    if (probe.watch().isEmpty()) {
      baselines.remove(key);
      return Optional.empty();
    }
    if (result.watched().isEmpty()) {
      return Optional.empty();
    }
    Baseline before = baselines.get(key);
    if (before == null) {
      baselines.put(key, new Baseline(probe.watch(), result.watched(), result.startedAt(),
          Optional.empty()));
      return Optional.empty();
    }
    List<FieldChange> changes = new ArrayList<>();
    for (String path : probe.watch()) {
      if (!before.paths().contains(path)) {
        continue;
      }
      String was = before.values().getOrDefault(path, ABSENT);
      String now = result.watched().getOrDefault(path, ABSENT);
      if (!was.equals(now)) {
        changes.add(new FieldChange(path, was, now));
      }
    }
    Optional<ConfigChange> change = changes.isEmpty() ? Optional.empty()
        : Optional.of(new ConfigChange(key.probe(), key.environment(), result.startedAt(),
            changes));
    baselines.put(key, new Baseline(probe.watch(), result.watched(),
        change.isPresent() ? result.startedAt() : before.since(),
        change.or(before::lastChange)));
    return change;
  }

  /** The values changes are measured against, if any were seen yet. */
  public synchronized Optional<Map<String, String>> baseline(String probe, String environment) {
    return Optional.ofNullable(baselines.get(new Key(probe, environment)))
        .map(b -> Collections.unmodifiableMap(new LinkedHashMap<>(b.values())));
  }

  /** Whether changes of the pair are measured against a baseline yet. */
  public synchronized boolean hasBaseline(String probe, String environment) {
    return baselines.containsKey(new Key(probe, environment));
  }

  /** The latest change of each (probe, environment) that had one: for status pages and alerts. */
  public synchronized List<ConfigChange> lastChanges() {
    return baselines.values().stream().flatMap(b -> b.lastChange().stream()).toList();
  }

  /** Drops a (probe, environment) no longer configured, so its baseline does not linger. */
  public synchronized void forget(String probe, String environment) {
    baselines.remove(new Key(probe, environment));
  }

  /** Everything needed to carry on after a restart: see {@link WatchStateStore}. */
  public synchronized WatchState snapshot() {
    List<WatchState.BaselineState> states = new ArrayList<>();
    baselines.forEach((key, b) -> states.add(new WatchState.BaselineState(key.probe(),
        key.environment(), b.since().toString(), b.paths(), b.values(),
        b.lastChange().map(c -> new WatchState.LastChange(c.at().toString(), c.changes()))
            .orElse(null))));
    return new WatchState(WatchState.VERSION, states);
  }

  /** Replaces every baseline with those of {@code state}. */
  public synchronized void restore(WatchState state) throws IOException {
    if (state.version() != WatchState.VERSION) {
      throw new IOException("watch state version " + state.version() + " is not supported (this "
          + "cartprobe reads version " + WatchState.VERSION + ")");
    }
    Map<Key, Baseline> restored = new LinkedHashMap<>();
    for (WatchState.BaselineState b : state.baselines()) {
      try {
        Key key = new Key(b.probe(), b.env());
        Optional<ConfigChange> last = Optional.ofNullable(b.lastChange()).map(c ->
            new ConfigChange(b.probe(), b.env(), Instant.parse(c.at()), c.changes()));
        restored.put(key, new Baseline(b.paths(), b.values(), Instant.parse(b.since()), last));
      } catch (RuntimeException e) {
        throw new IOException("watch state: baseline of " + b.probe() + " @ " + b.env()
            + " is unreadable: " + e.getMessage(), e);
      }
    }
    baselines.clear();
    baselines.putAll(restored);
  }

  /** A watch carrying on from a saved state. */
  public static ConfigWatch restoredFrom(WatchState state) throws IOException {
    ConfigWatch watch = new ConfigWatch();
    watch.restore(state);
    return watch;
  }
}
