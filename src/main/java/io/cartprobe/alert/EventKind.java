package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a notification announces: the first firing, a re-send while firing, or the end. */
public enum EventKind {
  FIRING, REPEAT, RESOLVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Alertmanager status: a repeat is still "firing". */
  public String status() {
    return this == RESOLVED ? "resolved" : "firing";
  }
}
