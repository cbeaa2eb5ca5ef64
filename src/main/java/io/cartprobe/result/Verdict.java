package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a run: degraded means a latency budget was exceeded but all else passed. */
public enum Verdict {
  SUCCESS, DEGRADED, FAILURE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
