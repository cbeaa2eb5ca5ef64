package io.cartprobe.alert;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the rules need of one run, and no more: results carry body excerpts and assertion lists,
 * and a window of a few hundred of them per pair should not hold all that.
 *
 * @param certNotAfter the earliest certificate expiry any step saw
 */
public record WindowRun(Instant at, Verdict verdict, Duration duration, Optional<Instant> certNotAfter) {

  static WindowRun of(ProbeResult result) {
    Optional<Instant> cert = result.steps().stream()
        .map(StepResult::certNotAfter)
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
    return new WindowRun(result.startedAt(), result.verdict(), result.duration(), cert);
  }

  boolean failed() {
    return verdict == Verdict.FAILURE;
  }
}
