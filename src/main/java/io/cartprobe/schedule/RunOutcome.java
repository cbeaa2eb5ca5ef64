package io.cartprobe.schedule;

/**
 * All the scheduler needs to know of a run's verdict: whether the pair is failing, which picks
 * between {@code interval} and {@code interval_when_failing}. Mapping the probe verdict (a
 * degraded run is not a failed one) is the caller's business, so this package knows no probe.
 */
public enum RunOutcome {
  SUCCEEDED,
  FAILED;

  public static RunOutcome failedIf(boolean failed) {
    return failed ? FAILED : SUCCEEDED;
  }

  public boolean failed() {
    return this == FAILED;
  }
}
