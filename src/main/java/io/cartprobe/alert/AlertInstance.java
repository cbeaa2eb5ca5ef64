package io.cartprobe.alert;

import io.cartprobe.config.AlertRule;
import java.time.Instant;
import java.util.Optional;

/** The mutable state of one (alert, probe, env); only the engine, under its lock, touches it. */
final class AlertInstance {

  final AlertKey key;
  final AlertRule rule;
  /** Its place among the engine's instances: notifications of one flush go out in this order. */
  final int order;
  InstanceState state = InstanceState.INACTIVE;
  Instant since;
  Instant firstFailureAt;
  int failures;
  int goodStreak;
  /** The firing notification of this episode has been handed to delivery. */
  boolean notified;
  Instant lastSentAt;
  AlertEvent lastEvent;
  AlertEvent pendingResolved;
  String condition = "not evaluated yet";
  /** What {@code cartprobe_alert_firing} was last told; null before it was told anything. */
  Boolean shownFiring;

  AlertInstance(AlertKey key, AlertRule rule, int order) {
    this.key = key;
    this.rule = rule;
    this.order = order;
  }

  boolean firing() {
    return state == InstanceState.FIRING;
  }

  InstanceSnapshot snapshot() {
    return new InstanceSnapshot(key.alert(), key.probe(), key.env(), state,
        Optional.ofNullable(since), Optional.ofNullable(firstFailureAt), failures, goodStreak,
        notified, Optional.ofNullable(lastSentAt), Optional.ofNullable(lastEvent),
        Optional.ofNullable(pendingResolved), key.variant());
  }

  void restore(InstanceSnapshot s) {
    state = s.state();
    since = s.since().orElse(null);
    firstFailureAt = s.firstFailureAt().orElse(null);
    failures = s.failures();
    goodStreak = s.goodStreak();
    notified = s.notified();
    lastSentAt = s.lastSentAt().orElse(null);
    lastEvent = s.lastEvent().orElse(null);
    pendingResolved = s.pendingResolved().orElse(null);
    condition = lastEvent != null ? lastEvent.condition() : condition;
  }
}
