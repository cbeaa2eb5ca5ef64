package io.cartprobe.alert;

import io.cartprobe.config.ProbeType;
import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import io.cartprobe.config.AlertRule;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Silence;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Alert rules and instance state. Feed it every {@link ProbeResult} ({@link #onResult}), every
 * gateway-config change ({@link #onConfigChange}) and a periodic {@link #tick} (every few
 * seconds); each returns the notifications to send now, in order. It never sends anything
 * itself, never blocks on I/O, and reads time only from the injected clock.
 *
 * <p>Thread-safe: probe threads call {@code onResult} concurrently; a lock keeps each call's
 * transitions atomic (the work under it is a few list scans, no I/O).
 */
public final class AlertEngine {

  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private record Pair(String probe, String env) {}

  /** Per (probe, env): the window of runs and the results notifications quote. */
  private static final class PairData {
    final RunHistory history;
    ProbeResult lastResult;
    ProbeResult lastFailed;

    PairData(RunHistory history) {
      this.history = history;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final List<AlertRule> rules;
  private final List<Silence> silences;
  private final Map<String, Duration> intervals = new HashMap<>();
  private final Set<String> gatewayProbes = new HashSet<>();
  private final Clock clock;
  private final NotificationBuilder builder;
  private final Map<AlertKey, AlertInstance> instances = new LinkedHashMap<>();
  private final Map<Pair, PairData> pairs = new HashMap<>();
  private final ConfigChanges changes = new ConfigChanges();
  /** Counts state changes worth persisting (fire, resolve, send); see {@link #transitions}. */
  private long transitions;

  public AlertEngine(CartprobeConfig config, Clock clock) {
    this(config.alerts(), config.probes(), config.silences(), config.agent().labels(), clock,
        () -> UUID.randomUUID().toString());
  }

  /**
   * @param probes used to create every instance up front (so the firing metric shows zeros),
   *     for intervals and to know which probes are gateway-config probes
   * @param ids notification ids; random UUIDs in production, predictable ones in tests
   */
  public AlertEngine(List<AlertRule> rules, List<ProbeConfig> probes, List<Silence> silences,
      Map<String, String> agentLabels, Clock clock, Supplier<String> ids) {
    this.rules = List.copyOf(rules);
    this.silences = List.copyOf(silences);
    this.clock = clock;
    this.builder = new NotificationBuilder(agentLabels, ids);
    for (ProbeConfig probe : probes) {
      intervals.put(probe.name(), probe.interval());
      if (probe instanceof GatewayConfigProbe) {
        gatewayProbes.add(probe.name());
      }
      for (String env : probe.environments()) {
        instancesFor(probe.name(), env);
      }
    }
  }

  /** Records a finished run and evaluates every alert on its probe and environment. */
  public List<AlertEvent> onResult(ProbeResult result) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Pair pair = new Pair(result.probe(), result.environment());
      if (result.probeType() == ProbeType.GATEWAY_CONFIG) {
        gatewayProbes.add(result.probe());
        if (result.failed()) {
          changes.recordFailure(result.probe(), result.environment(), result.startedAt(),
              result.failure().map(f -> f.step() + ": " + f.message()).orElse("failed"));
        }
      }
      PairData data = pair(pair);
      data.history.add(RunRecord.of(result));
      data.lastResult = result;
      if (result.failed()) {
        data.lastFailed = result;
      }
      for (AlertInstance instance : instancesFor(result.probe(), result.environment())) {
        evaluate(instance, now, true);
      }
      return flush(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A gateway-config probe saw its watched fields change. Instances of config_changed_within on
   * that probe and environment fire at once; other alerts in the environment may name it as their
   * probable cause.
   */
  public List<AlertEvent> onConfigChange(
      String probe, String env, Instant at, List<FieldChange> fieldChanges) {
    lock.lock();
    try {
      Instant now = clock.instant();
      gatewayProbes.add(probe);
      changes.recordChange(probe, env, at, fieldChanges);
      for (AlertInstance instance : instancesFor(probe, env)) {
        if (instance.rule.when() instanceof ConfigChangedWithin) {
          evaluate(instance, now, false);
        }
      }
      return flush(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Time passing on its own: config_changed_within resolves when its window has passed, repeats
   * fall due, silences and inhibitions end. Call every few seconds.
   */
  public List<AlertEvent> tick(Instant now) {
    lock.lock();
    try {
      for (AlertInstance instance : instances.values()) {
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
   * How many state changes (fire, resolve, a notification handed out) happened so far; a caller
   * compares it before and after a call to know whether the state file needs writing.
   */
  public long transitions() {
    lock.lock();
    try {
      return transitions;
    } finally {
      lock.unlock();
    }
  }

  /** Every instance, in rule order, for /api/status and {@code cartprobe_alert_firing}. */
  public List<AlertStatus> statuses() {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<AlertStatus> out = new ArrayList<>();
      for (AlertInstance i : instances.values()) {
        out.add(new AlertStatus(i.key.alert(), i.key.probe(), i.key.env(), i.rule.severity(),
            i.state, Optional.ofNullable(i.since), Optional.ofNullable(i.firstFailureAt),
            i.failures, silenced(i, now), inhibited(i), i.notified,
            Optional.ofNullable(i.lastSentAt), i.condition));
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
      return instances.values().stream()
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
        for (AlertInstance instance : instancesFor(s.probe(), s.env())) {
          if (instance.key.equals(s.key())) {
            instance.restore(s);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private PairData pair(Pair pair) {
    return pairs.computeIfAbsent(pair, p -> {
      Duration keep = Duration.ZERO;
      int atLeast = 1;
      for (AlertRule rule : rules) {
        if (matches(rule, p.probe(), p.env())) {
          keep = max(keep, ConditionEvaluator.lookback(rule.when()));
          atLeast = Math.max(atLeast, switch (rule.when()) {
            case AlertCondition.ConsecutiveFailures c -> c.count() + 1;
            default -> 1;
          });
        }
      }
      return new PairData(new RunHistory(keep, atLeast));
    });
  }

  /** The instances of a pair, created on first sight (a result from a probe not in the config). */
  private List<AlertInstance> instancesFor(String probe, String env) {
    List<AlertInstance> out = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (matches(rule, probe, env)) {
        AlertKey key = new AlertKey(rule.name(), probe, env);
        out.add(instances.computeIfAbsent(key, k -> new AlertInstance(k, rule)));
      }
    }
    return out;
  }

  private static boolean matches(AlertRule rule, String probe, String env) {
    return (rule.probes().isEmpty() || rule.probes().contains(probe))
        && (rule.environments().isEmpty() || rule.environments().contains(env));
  }

  /**
   * One instance's transition. Sending is decided afterwards, for all instances at once, so an
   * inhibiting alert that fires on the same result is seen firing.
   *
   * @param newRun a run was just recorded for this pair (counts towards failures/resolve_after)
   */
  private void evaluate(AlertInstance instance, Instant now, boolean newRun) {
    Pair pair = new Pair(instance.key.probe(), instance.key.env());
    PairData data = pair(pair);
    AlertCondition when = instance.rule.when();
    boolean configRule = when instanceof ConfigChangedWithin;
    Evaluation eval = ConditionEvaluator.evaluate(
        when, data.history, changes.changes(pair.probe(), pair.env()), now);
    instance.condition = eval.describe();
    if (!instance.firing()) {
      if (eval.holds()) {
        instance.state = InstanceState.FIRING;
        instance.since = now;
        instance.firstFailureAt = eval.badSince().orElse(now);
        instance.failures = eval.badRuns();
        instance.goodStreak = 0;
        instance.notified = false;
        instance.lastEvent = build(instance, eval, data, now);
        transitions++;
      }
      return;
    }
    if (configRule) {
      // A change is not a run that can turn good: the alert lasts exactly its window.
      if (eval.holds()) {
        instance.failures = eval.badRuns();
        instance.lastEvent = build(instance, eval, data, now);
      } else {
        resolve(instance, now);
      }
      return;
    }
    if (!newRun) {
      return;
    }
    if (eval.holds() || eval.bad()) {
      instance.goodStreak = 0;
      if (eval.bad()) {
        instance.failures++;
        instance.lastEvent = build(instance, eval, data, now);
      }
      return;
    }
    instance.goodStreak++;
    if (instance.goodStreak >= instance.rule.resolveAfter()) {
      resolve(instance, now);
    }
  }

  private AlertEvent build(AlertInstance instance, Evaluation eval, PairData data, Instant now) {
    Instant from = instance.firstFailureAt.minus(ConditionEvaluator.lookback(instance.rule.when()));
    var evidence = new NotificationBuilder.Evidence(
        Optional.ofNullable(data.lastResult), Optional.ofNullable(data.lastFailed),
        changes.changes(instance.key.probe(), instance.key.env()),
        gatewayCause(instance.key.env(), from));
    return builder.firing(instance, eval, evidence,
        intervals.getOrDefault(instance.key.probe(), DEFAULT_INTERVAL), now);
  }

  /**
   * The gateway's side of the story: the latest watched change of a gateway-config probe in the
   * environment since {@code from}, with its failure if it also failed, else its latest failure.
   */
  private Optional<ProbableCause> gatewayCause(String env, Instant from) {
    List<String> probes = List.copyOf(gatewayProbes);
    var change = changes.latestChange(probes, env, from);
    var failure = changes.latestFailure(probes, env, from);
    if (change.isPresent()) {
      String probe = change.get().getKey();
      Optional<String> failed = failure.filter(f -> f.getKey().equals(probe))
          .map(f -> f.getValue().message());
      return Optional.of(new ProbableCause(probe, env, change.get().getValue().at(),
          change.get().getValue().changes(), failed));
    }
    return failure.map(f -> new ProbableCause(f.getKey(), env, f.getValue().at(), List.of(),
        Optional.of(f.getValue().message())));
  }

  private void resolve(AlertInstance instance, Instant now) {
    instance.state = InstanceState.RESOLVED;
    instance.since = now;
    transitions++;
    instance.goodStreak = 0;
    // Receivers only hear of the end of what they heard of; one never announced (silenced or
    // inhibited throughout) ends quietly, but its state change still shows in /api/status.
    if (instance.notified && instance.lastEvent != null) {
      instance.pendingResolved = builder.resolved(instance.lastEvent, instance, now);
    }
    instance.notified = false;
  }

  /** Decides what goes out now: deferred firings, repeats and resolutions. */
  private List<AlertEvent> flush(Instant now) {
    List<AlertEvent> out = new ArrayList<>();
    for (AlertInstance instance : instances.values()) {
      boolean silenced = silenced(instance, now);
      if (instance.pendingResolved != null && !silenced) {
        // Inhibition never holds back a resolution; a silence does, until it ends.
        out.add(instance.pendingResolved);
        instance.pendingResolved = null;
      }
      if (!instance.firing() || silenced || inhibited(instance) || instance.lastEvent == null) {
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
    transitions += out.size();
    return out;
  }

  private boolean silenced(AlertInstance instance, Instant now) {
    return silences.stream().anyMatch(s -> s.covers(instance.key.probe(), instance.key.env(), now));
  }

  /** Inhibited while an {@code inhibited_by} alert fires for any probe of the same environment. */
  private boolean inhibited(AlertInstance instance) {
    if (instance.rule.inhibitedBy().isEmpty()) {
      return false;
    }
    return instances.values().stream().anyMatch(other -> other.firing()
        && other != instance
        && instance.rule.inhibitedBy().contains(other.key.alert())
        && other.key.env().equals(instance.key.env()));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
