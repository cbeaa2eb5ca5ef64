package io.cartprobe.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * A rule's verdict on an instance at one moment.
 *
 * @param holds the {@code when} is true now: fire (or keep firing)
 * @param bad the latest run on its own is a bad one for this rule (failed, slow, expiring cert);
 *     a run only counts towards {@code resolve_after} when it is not bad and the rule no longer
 *     holds, so an agent restarted with an empty window does not take a failure for a good run
 * @param badSince when the bad runs (or the change) that make it hold began
 * @param badRuns how many runs are bad in the streak or window
 * @param describe the condition in words, with the observed value
 */
record Evaluation(
    boolean holds, boolean bad, Optional<Instant> badSince, int badRuns, String describe) {

  static Evaluation quiet(String describe) {
    return new Evaluation(false, false, Optional.empty(), 0, describe);
  }
}
