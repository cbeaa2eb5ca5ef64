package io.cartprobe.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** An alert instance (alert, probe, env) started or stopped firing. */
@JsonPropertyOrder({"at", "alert", "probe", "env", "state"}) // when first, as history reads
public record AlertTransition(
    String alert, String probe, @JsonProperty("env") String environment, State state, Instant at) {

  public enum State {
    FIRING, RESOLVED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
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
