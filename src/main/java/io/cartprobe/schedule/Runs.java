package io.cartprobe.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs in flight: at most one per pair, at most {@code maxConcurrency} in all. A slot is
 * taken when a run is handed to the executor and given back when it ends, so a run waiting
 * for a thread already counts. Not thread-safe: {@link Scheduler} guards it with its lock.
 */
final class Runs {

  private final int maxConcurrency;
  private final Map<PairKey, Run> inFlight = new HashMap<>();

  Runs(int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
    }
    this.maxConcurrency = maxConcurrency;
  }

  /** Takes a slot for a run of {@code pair}, or says why there is none. The pair check comes first: it is the more specific reason. */
  Admission admit(PairKey pair, Instant planned) {
    if (inFlight.containsKey(pair)) {
      return new Admission.Refused(SkipReason.PREVIOUS_RUN_STILL_GOING);
    }
    if (inFlight.size() >= maxConcurrency) {
      return new Admission.Refused(SkipReason.CONCURRENCY_LIMIT);
    }
    Run run = new Run(pair, planned);
    inFlight.put(pair, run);
    return new Admission.Admitted(run);
  }

  void release(Run run) {
    inFlight.remove(run.pair, run);
  }

  boolean isRunning(PairKey pair) {
    return inFlight.containsKey(pair);
  }

  boolean isEmpty() {
    return inFlight.isEmpty();
  }

  List<Run> all() {
    return new ArrayList<>(inFlight.values());
  }

  sealed interface Admission {
    record Admitted(Run run) implements Admission {}

    record Refused(SkipReason reason) implements Admission {}
  }

  /** One run in flight. {@code thread} is set once the run starts, so that stop() can interrupt it. */
  static final class Run {
    final PairKey pair;
    final Instant planned;
    Thread thread;
    /** Set when stop() gave up on this run before it got a thread: it must then not start at all. */
    boolean cancelled;

    Run(PairKey pair, Instant planned) {
      this.pair = pair;
      this.planned = planned;
    }

    Optional<Thread> thread() {
      return Optional.ofNullable(thread);
    }
  }
}
