package io.cartprobe.alert;

import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Silence;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Alert rules and instance state. Feed it every {@link ProbeResult} ({@link #onResult}), every
 * gateway-config change ({@link #onConfigChange}) and a periodic {@link #tick} (every few
 * seconds); each returns the notifications to send now, in order. It never sends anything
 * itself, never blocks on I/O, and reads time only from the injected clock. A notification's
 * probable cause is the one its result carries (attribution decided it before alerting).
 *
 * <p>Thread-safe: probe threads call {@code onResult} concurrently; a lock keeps each call's
 * transitions atomic (the work under it is a few list scans, no I/O).
 */
public final class AlertEngine {

  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private final NotificationBuilder builder;
  private final Instances instances;
  private final RuleWindows windows;
  private final ConfigChanges changes = new ConfigChanges();
  private final Transitions transitions;
  private final Release release;

  public AlertEngine(CartprobeConfig config, Clock clock) {
    this(config.alerts(), config.probes(), config.silences(), config.agent().labels(), clock,
        () -> UUID.randomUUID().toString());
  }

  /**
   * @param probes used to create every instance up front (so the firing metric shows zeros),
   *     for intervals and the inhibition grace
   * @param ids notification ids; random UUIDs in production, predictable ones in tests
   */
  public AlertEngine(List<AlertRule> rules, List<ProbeConfig> probes, List<Silence> silences,
      Map<String, String> agentLabels, Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.builder = new NotificationBuilder(agentLabels, ids);
    this.windows = new RuleWindows(rules);
    this.instances = new Instances(rules);
    this.release = new Release(silences, probes);
    Map<String, Duration> intervals = new HashMap<>();
    Map<String, List<String>> variantIds = new HashMap<>();
    for (ProbeConfig probe : probes) {
      intervals.put(probe.name(), probe.interval());
      if (!probe.matrix().isEmpty()) {
        variantIds.put(probe.name(), probe.variants().stream().map(v -> v.id()).toList());
      }
      for (String env : probe.environments()) {
        probe.variants().forEach(v -> instances.of(probe.name(), env, v.id()));
      }
    }
    this.transitions = new Transitions(windows, changes, builder, intervals, variantIds);
  }

  /** Records a finished run and evaluates every alert on its probe and environment. */
  public List<AlertEvent> onResult(ProbeResult result) {
    lock.lock();
    try {
      Instant now = clock.instant();
      windows.record(result);
      for (AlertInstance instance
          : instances.of(result.probe(), result.environment(), result.variant())) {
        evaluate(instance, now, true);
      }
      return flush(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A gateway-config probe saw its watched fields change: instances of config_changed_within on
   * that probe and environment fire at once.
   */
  public List<AlertEvent> onConfigChange(
      String probe, String env, Instant at, List<FieldChange> fieldChanges) {
    return locked(now -> {
      changes.recordChange(probe, env, at, fieldChanges);
      for (AlertInstance instance : instances.of(probe, env, "")) {
        if (instance.rule.when() instanceof ConfigChangedWithin) {
          evaluate(instance, now, false);
        }
      }
    });
  }

  /**
   * Time passing on its own: config_changed_within resolves when its window has passed, repeats
   * fall due, silences, inhibitions and their grace end. Call every few seconds.
   */
  public List<AlertEvent> tick(Instant now) {
    lock.lock();
    try {
      for (AlertInstance instance : instances.live()) {
        if (instance.rule.when() instanceof ConfigChangedWithin && instance.firing()) {
          evaluate(instance, now, false);
        }
      }
      changes.prune(now);
      return flush(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a restart, before the first result: what the rules had seen, as history kept it, so
   * windows, streaks and config_changed_within windows go on where they were. Evaluates nothing.
   */
  public void recall(String probe, String env, List<WindowRun> runs, Optional<ProbeResult> latest,
      List<ConfigChange> configChanges) {
    recall(probe, env, "", runs, latest, configChanges);
  }

  public void recall(String probe, String env, String variant, List<WindowRun> runs,
      Optional<ProbeResult> latest, List<ConfigChange> configChanges) {
    lock.lock();
    try {
      RuleWindows.Data data = windows.of(probe, env, variant);
      runs.forEach(data.window::add);
      latest.ifPresent(r -> data.lastResult = r);
      configChanges.forEach(c -> changes.recordChange(c.probe(), c.environment(), c.at(), c.changes()));
    } finally {
      lock.unlock();
    }
  }

  private List<AlertEvent> locked(java.util.function.Consumer<Instant> decision) {
    lock.lock();
    try {
      Instant now = clock.instant();
      decision.accept(now);
      return flush(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many state changes (fire, resolve, a notification handed out) happened so far; a caller
   * compares it before and after a call to know whether the state file needs writing.
   */
  public long transitions() {
    lock.lock();
    try {
      return transitions.count;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Grows whenever an instance's state may have changed (a transition, an instance created, a
   * state restored): a caller that saw the same version before knows {@link #statuses} would
   * show the same states, so the firing gauges need not be set again.
   */
  public long version() {
    lock.lock();
    try {
      return transitions.count + instances.changes();
    } finally {
      lock.unlock();
    }
  }

  /** Every instance, in rule order, for /api/status and {@code cartprobe_alert_firing}. */
  public List<AlertStatus> statuses() {
    return statusesOf(false);
  }

  /**
   * The instances that started or stopped firing (or were created) since the last call, in rule
   * order: what {@code cartprobe_alert_firing} has to be told, rather than every instance.
   */
  public List<AlertStatus> firingChanges() {
    return statusesOf(true);
  }

  private List<AlertStatus> statusesOf(boolean changedOnly) {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<AlertStatus> out = new ArrayList<>();
      for (AlertInstance i : changedOnly ? instances.takeUnshown() : instances.all()) {
        out.add(new AlertStatus(i.key.alert(), i.key.probe(), i.key.env(), i.rule.severity(),
            i.state, Optional.ofNullable(i.since), Optional.ofNullable(i.firstFailureAt),
            i.failures, release.silenced(i, now), release.inhibited(i, instances.all(), now),
            i.notified, Optional.ofNullable(i.lastSentAt), i.condition, i.key.variant()));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The instances that ever fired or are firing: what the state file keeps. */
  public List<InstanceSnapshot> snapshot() {
    lock.lock();
    try {
      return instances.all().stream()
          .filter(i -> i.state != InstanceState.INACTIVE || i.pendingResolved != null)
          .map(AlertInstance::snapshot)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts back instances from a state file. Instances of alerts no longer in the config are
   * dropped; a firing one that was notified stays notified, so it is not announced twice.
   */
  public void restore(List<InstanceSnapshot> snapshots) {
    lock.lock();
    try {
      for (InstanceSnapshot s : snapshots) {
        for (AlertInstance instance : instances.of(s.probe(), s.env(), s.variant())) {
          if (instance.key.equals(s.key())) {
            instance.restore(s);
            instances.restored(instance);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void evaluate(AlertInstance instance, Instant now, boolean newRun) {
    transitions.evaluate(instance, now, newRun);
    instances.track(instance);
  }

  /** Decides what goes out now: deferred firings, repeats and resolutions. */
  private List<AlertEvent> flush(Instant now) {
    List<AlertEvent> out = new ArrayList<>();
    for (AlertInstance instance : instances.live()) {
      boolean silenced = release.silenced(instance, now);
      if (instance.pendingResolved != null && !silenced) {
        // Inhibition never holds back a resolution; a silence does, until it ends.
        out.add(instance.pendingResolved);
        instance.pendingResolved = null;
      }
      if (!instance.firing() || silenced || instance.lastEvent == null
          || release.inhibited(instance, instances.all(), now)) {
        continue;
      }
      if (!instance.notified) {
        out.add(instance.lastEvent.resent(builder.newId(), EventKind.FIRING, now));
        instance.notified = true;
        instance.lastSentAt = now;
      } else if (instance.rule.repeat().isPresent()
          && !now.isBefore(instance.lastSentAt.plus(instance.rule.repeat().get()))) {
        out.add(instance.lastEvent.resent(builder.newId(), EventKind.REPEAT, now));
        instance.lastSentAt = now;
      }
    }
    transitions.count += out.size();
    return out;
  }
}
