package io.cartprobe.config;

import java.time.Duration;

/** The `when` of an alert: one of the known forms. */
public sealed interface AlertCondition {

  record ConsecutiveFailures(int count) implements AlertCondition {}

  record FailureRatio(double ratio, Duration window, int minRuns) implements AlertCondition {}

  record LatencyP95(Duration threshold, Duration window) implements AlertCondition {}

  record ConfigChangedWithin(Duration within) implements AlertCondition {}

  record CertExpiresWithin(Duration within) implements AlertCondition {}

  /**
   * Both windows spend the SLO's error budget more than {@code factor} times as fast as the
   * SLO allows (the multi-window burn-rate alert of the SRE workbook). The SLO is resolved at
   * load time: the alert watches its probes and environments.
   *
   * @param errorBudget the share of runs the SLO lets fail, 0.005 for 99.5
   */
  record BurnRate(double factor, Duration longWindow, Duration shortWindow, String slo,
      double errorBudget, boolean degradedIsBad) implements AlertCondition {}
}
