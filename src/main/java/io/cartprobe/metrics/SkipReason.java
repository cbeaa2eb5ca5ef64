package io.cartprobe.metrics;

import java.util.Locale;

/** Why a scheduled run did not start; the values of {@code cartprobe_probe_skipped_total{reason}}. */
public enum SkipReason {
  /** The previous run of the same probe and environment was still going. */
  PREVIOUS_RUN_RUNNING,
  /** {@code agent.max_concurrency} runs were already in flight. */
  CONCURRENCY_FULL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
