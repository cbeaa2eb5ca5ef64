package io.cartprobe.schedule;

/** Why a due run did not start; {@link #label()} is the `reason` label of `cartprobe_probe_skipped_total`. */
public enum SkipReason {
  /** The pair's previous run has not finished: runs of one pair never overlap. */
  PREVIOUS_RUN_STILL_GOING("previous_run_still_going"),
  /** Every one of the {@code max_concurrency} slots is taken. */
  CONCURRENCY_LIMIT("concurrency_limit");

  private final String label;

  SkipReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
