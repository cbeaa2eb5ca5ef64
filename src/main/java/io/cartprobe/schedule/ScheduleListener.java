package io.cartprobe.schedule;

import java.time.Duration;

/**
 * What the scheduler reports, for metrics and logs ({@code cartprobe_scheduler_lag_seconds},
 * {@code cartprobe_probe_skipped_total}). Calls come from the scheduling thread and from run
 * threads, concurrently: implementations must be thread-safe and quick. An exception thrown
 * here is swallowed, so a broken listener cannot stop probing.
 */
public interface ScheduleListener {

  /** A no-op listener. */
  ScheduleListener NONE = new ScheduleListener() {};

  /**
   * A run started; {@code lag} is its actual start minus its planned start (jitter included),
   * so the lag measures the scheduler, not the jitter. Triggered runs are planned for the
   * instant they were triggered.
   */
  default void runStarted(PairKey pair, Duration lag) {}

  /** A due or triggered run did not start. */
  default void runSkipped(PairKey pair, SkipReason reason) {}

  /** A run ended, with the outcome the task reported. */
  default void runFinished(PairKey pair, RunOutcome outcome) {}

  /** The task threw instead of returning an outcome (a bug: probes report target failures as results). */
  default void runCrashed(PairKey pair, Throwable error) {}
}
