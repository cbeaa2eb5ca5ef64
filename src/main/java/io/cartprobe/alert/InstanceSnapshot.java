package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Optional;

/**
 * What survives a restart of one instance: enough that an alert that already fired is not
 * announced again, and that a resolution owed to receivers is still sent.
 *
 * @param lastEvent the latest firing notification content (re-sent on repeat)
 * @param state null when read from a file of a later version with a state this one lacks
 * @param pendingResolved a resolution held back by a silence, sent when it ends
 */
@JsonNaming(LowerCamelCaseStrategy.class)
public record InstanceSnapshot(
    String alert,
    String probe,
    String env,
    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) InstanceState state,
    Optional<Instant> since,
    Optional<Instant> firstFailureAt,
    int failures,
    int goodStreak,
    boolean notified,
    Optional<Instant> lastSentAt,
    Optional<AlertEvent> lastEvent,
    Optional<AlertEvent> pendingResolved,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {

  /** State files from before matrices have no variant: the probe's only pair. */
  public InstanceSnapshot {
    variant = variant == null ? "" : variant;
  }

  public InstanceSnapshot(String alert, String probe, String env, InstanceState state,
      Optional<Instant> since, Optional<Instant> firstFailureAt, int failures, int goodStreak,
      boolean notified, Optional<Instant> lastSentAt, Optional<AlertEvent> lastEvent,
      Optional<AlertEvent> pendingResolved) {
    this(alert, probe, env, state, since, firstFailureAt, failures, goodStreak, notified,
        lastSentAt, lastEvent, pendingResolved, "");
  }

  public AlertKey key() {
    return new AlertKey(alert, probe, env, variant);
  }
}
