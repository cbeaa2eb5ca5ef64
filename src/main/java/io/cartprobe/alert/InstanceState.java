package io.cartprobe.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an alert instance stands. RESOLVED is kept apart from INACTIVE so /api/status can say
 * "it fired and is over" (with since = the resolve time) rather than "never fired".
 */
public enum InstanceState {
  INACTIVE, FIRING, RESOLVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
