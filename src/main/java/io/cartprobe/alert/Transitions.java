package io.cartprobe.alert;

import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One instance's state machine: inactive → firing → resolved, driven by each evaluation of its
 * rule. Which notification goes out, and when, is {@link AlertEngine}'s flush, decided for all
 * instances at once. Only the engine, under its lock, calls this.
 */
final class Transitions {

  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final RuleWindows windows;
  private final ConfigChanges changes;
  private final NotificationBuilder builder;
  private final Map<String, Duration> intervals;
  private final Map<String, java.util.List<String>> variantIds;
  /** Counts state changes worth persisting (fire, resolve, send). */
  long count;

  Transitions(RuleWindows windows, ConfigChanges changes, NotificationBuilder builder,
      Map<String, Duration> intervals, Map<String, java.util.List<String>> variantIds) {
    this.variantIds = Map.copyOf(variantIds);
    this.windows = windows;
    this.changes = changes;
    this.builder = builder;
    this.intervals = Map.copyOf(intervals);
  }

  /**
   * @param newRun a run was just recorded for this pair (counts towards failures/resolve_after)
   */
  void evaluate(AlertInstance instance, Instant now, boolean newRun) {
    RuleWindows.Data data = windows.of(instance.key.probe(), instance.key.env(),
        instance.key.variant());
    AlertCondition when = instance.rule.when();
    Evaluation eval = ConditionEvaluator.evaluate(
        when, data.window, changes.changes(instance.key.probe(), instance.key.env()), now);
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
        count++;
      }
      return;
    }
    if (when instanceof ConfigChangedWithin) {
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

  private AlertEvent build(AlertInstance instance, Evaluation eval, RuleWindows.Data data,
      Instant now) {
    var evidence = new NotificationBuilder.Evidence(
        Optional.ofNullable(data.lastResult), Optional.ofNullable(data.lastFailed),
        changes.changes(instance.key.probe(), instance.key.env()));
    return builder.firing(instance, eval, evidence,
        intervals.getOrDefault(instance.key.probe(), DEFAULT_INTERVAL), tally(instance, data), now);
  }

  /** Of a probe with a matrix: which of its variants' latest runs in this environment failed. */
  private Optional<io.cartprobe.alert.AlertEvent.VariantTally> tally(AlertInstance instance,
      RuleWindows.Data own) {
    java.util.List<String> ids = variantIds.getOrDefault(instance.key.probe(), java.util.List.of());
    if (instance.key.variant().isEmpty() || ids.isEmpty()) {
      return Optional.empty();
    }
    java.util.List<String> failing = ids.stream()
        .filter(id -> id.equals(instance.key.variant())
            ? own.lastResult != null && own.lastResult.failed()
            : windows.latest(instance.key.probe(), instance.key.env(), id)
                .map(io.cartprobe.result.ProbeResult::failed).orElse(false))
        .toList();
    return Optional.of(new AlertEvent.VariantTally(ids.size(), failing));
  }

  private void resolve(AlertInstance instance, Instant now) {
    instance.state = InstanceState.RESOLVED;
    instance.since = now;
    count++;
    instance.goodStreak = 0;
    // Receivers only hear of the end of what they heard of; one never announced (silenced or
    // inhibited throughout) ends quietly, but its state change still shows in /api/status.
    if (instance.notified && instance.lastEvent != null) {
      instance.pendingResolved = builder.resolved(instance.lastEvent, instance, now);
    }
    instance.notified = false;
  }
}
