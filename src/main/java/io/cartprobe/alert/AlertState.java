package io.cartprobe.alert;

import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import java.time.Instant;
import java.util.List;

/**
 * Everything alerting keeps across a restart: instance states, notifications not yet delivered
 * (in queue order) and the dead letters. Written as the {@code "alerts"} section of the state
 * file by {@link AlertStateJson}.
 */
public record AlertState(
    Instant savedAt,
    List<InstanceSnapshot> instances,
    List<PendingDelivery> pending,
    List<DeadLetter> deadLetters) {

  public AlertState {
    instances = List.copyOf(instances);
    pending = List.copyOf(pending);
    deadLetters = List.copyOf(deadLetters);
  }

  public static AlertState empty() {
    return new AlertState(Instant.EPOCH, List.of(), List.of(), List.of());
  }
}
