package io.cartprobe.history;

import io.cartprobe.probe.ProbableCause.FieldChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gateway-config probe saw its watched fields change. Values are JSON text as the watch
 * records them (already redacted), {@code (absent)} for a field that was not there.
 */
public record ConfigChange(String probe, String environment, Instant at, List<FieldChange> changes) {

  public ConfigChange {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    changes = List.copyOf(changes);
  }
}
