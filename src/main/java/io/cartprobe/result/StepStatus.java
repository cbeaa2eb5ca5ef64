package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A step's outcome; SKIPPED steps come after the first failure. */
public enum StepStatus {
  PASSED, DEGRADED, FAILED, SKIPPED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
