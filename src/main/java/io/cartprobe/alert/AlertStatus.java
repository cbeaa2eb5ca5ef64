package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * One instance as /api/status, the status page and {@code cartprobe_alert_firing} see it.
 *
 * @param since when it entered its state (empty: never fired)
 * @param firstFailureAt when the bad runs of the current or last episode began
 * @param failures bad runs in the current or last episode
 * @param silenced a silence covers it now
 * @param inhibited an {@code inhibited_by} alert fires in the same environment now
 * @param notified the firing notification of this episode went out (was queued for delivery)
 * @param condition the latest evaluation in words
 */
public record AlertStatus(
    String alert,
    String probe,
    String env,
    String severity,
    InstanceState state,
    Optional<Instant> since,
    Optional<Instant> firstFailureAt,
    int failures,
    boolean silenced,
    boolean inhibited,
    boolean notified,
    Optional<Instant> lastSentAt,
    String condition,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {

  public AlertStatus {
    variant = variant == null ? "" : variant;
  }

  public AlertStatus(String alert, String probe, String env, String severity,
      InstanceState state, Optional<Instant> since, Optional<Instant> firstFailureAt,
      int failures, boolean silenced, boolean inhibited, boolean notified,
      Optional<Instant> lastSentAt, String condition) {
    this(alert, probe, env, severity, state, since, firstFailureAt, failures, silenced, inhibited,
        notified, lastSentAt, condition, "");
  }

  /** The value of {@code cartprobe_alert_firing{alert,probe,env}}. */
  public boolean firing() {
    return state == InstanceState.FIRING;
  }
}
