package io.cartprobe.schedule;

import java.util.concurrent.CompletableFuture;

/** What {@link Scheduler#trigger} did. */
public sealed interface TriggerResult {

  /** The run started; {@code outcome} completes when it ends (exceptionally if it threw an Error). */
  record Started(CompletableFuture<RunOutcome> outcome) implements TriggerResult {}

  /** The run did not start, for the same reasons a scheduled tick would be skipped. */
  record Skipped(SkipReason reason) implements TriggerResult {}

  /** The pair is not scheduled (unknown, or removed by a reload) or the scheduler is stopped. */
  record Refused(String why) implements TriggerResult {}
}
