package io.cartprobe.result;

import java.util.Locale;

/** The outcome of a run: degraded means a latency budget was exceeded but all else passed. */
public enum Verdict {
  SUCCESS, DEGRADED, FAILURE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
