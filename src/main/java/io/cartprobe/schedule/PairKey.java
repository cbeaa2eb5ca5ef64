package io.cartprobe.schedule;

import java.util.Objects;

/** One probe against one environment: the unit the scheduler plans, runs and reports. */
public record PairKey(String probe, String environment) {

  public PairKey {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
  }

  @Override
  public String toString() {
    return probe + "@" + environment;
  }
}
