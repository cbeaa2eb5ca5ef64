package io.cartprobe.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * What survives a restart of one instance: enough that an alert that already fired is not
 * announced again, and that a resolution owed to receivers is still sent.
 *
 * @param lastEvent the latest firing notification content (re-sent on repeat)
 * @param pendingResolved a resolution held back by a silence, sent when it ends
 */
public record InstanceSnapshot(
    String alert,
    String probe,
    String env,
    InstanceState state,
    Optional<Instant> since,
    Optional<Instant> firstFailureAt,
    int failures,
    int goodStreak,
    boolean notified,
    Optional<Instant> lastSentAt,
    Optional<AlertEvent> lastEvent,
    Optional<AlertEvent> pendingResolved) {

  public AlertKey key() {
    return new AlertKey(alert, probe, env);
  }
}
