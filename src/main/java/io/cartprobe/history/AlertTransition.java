package io.cartprobe.history;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** An alert instance (alert, probe, env) started or stopped firing. */
public record AlertTransition(
    String alert, String probe, String environment, State state, Instant at) {

  public enum State {
    FIRING, RESOLVED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  public AlertTransition {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
  }
}
