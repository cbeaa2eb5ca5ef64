package io.cartprobe.result;

import java.util.Locale;

/** A step's outcome; SKIPPED steps come after the first failure. */
public enum StepStatus {
  PASSED, DEGRADED, FAILED, SKIPPED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
