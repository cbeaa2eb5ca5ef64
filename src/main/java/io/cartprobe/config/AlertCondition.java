package io.cartprobe.config;

import java.time.Duration;

/** The `when` of an alert: one of the known forms. */
public sealed interface AlertCondition {

  record ConsecutiveFailures(int count) implements AlertCondition {}

  record FailureRatio(double ratio, Duration window, int minRuns) implements AlertCondition {}

  record LatencyP95(Duration threshold, Duration window) implements AlertCondition {}

  record ConfigChangedWithin(Duration within) implements AlertCondition {}

  record CertExpiresWithin(Duration within) implements AlertCondition {}
}
