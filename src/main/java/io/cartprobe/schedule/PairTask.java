package io.cartprobe.schedule;

/**
 * The work done for a pair when it is due: the agent runs the probe here and reports the
 * verdict. It runs on its own (virtual) thread and should stop promptly when interrupted,
 * which is how {@link Scheduler#stop} ends runs that outlive the grace period.
 */
@FunctionalInterface
public interface PairTask {

  /** An exception counts as {@link RunOutcome#FAILED} and is reported to the listener. */
  RunOutcome run(PairKey pair) throws Exception;
}
