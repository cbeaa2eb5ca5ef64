package io.cartprobe.schedule;

import io.cartprobe.schedule.Runs.Admission;
import io.cartprobe.schedule.Runs.Run;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every pair on its schedule. One scheduling thread decides when ({@link Plan}); each run
 * executes on its own thread (virtual by default), so a run that hangs holds only its own pair:
 * that pair's ticks are skipped ({@link SkipReason#PREVIOUS_RUN_STILL_GOING}) while every other
 * pair stays on time. Holds no probe logic: what a run does is the {@link PairTask}'s business.
 *
 * <p>Lifecycle: construct, {@link #update} with the pairs, {@link #start}; {@link #update} again
 * on every reload; {@link #stop} once.
 */
public final class Scheduler {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final Clock clock;

  // One lock for the plan and the runs in flight: every critical section is a few map
  // operations, and a single lock leaves no lock order to get wrong. Never held while calling
  // the task, the listener or the executor.
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when the plan may have an earlier due instant, or on stop: the loop re-reads it. */
  private final Condition planChanged = lock.newCondition();
  private final Plan plan;
  private final Runs runs;
  private final Launcher launcher;
  private Thread loopThread;
  private boolean stopped;

  /** For production: the system clock, one new virtual thread per run, unseeded jitter. */
  public Scheduler(PairTask task, int maxConcurrency, ScheduleListener listener) {
    this(task, maxConcurrency, listener, Clock.systemUTC(), Launcher.virtualThreadPerRun(),
        new SplittableRandom());
  }

  /**
   * @param clock where "now" comes from, for planning and lag
   * @param executor runs each run's body; it must not run it on the calling thread, or a slow
   *     run would hold up scheduling (tests use one they drive by hand)
   * @param random the jitter's source; seed it for reproducible plans
   */
  public Scheduler(PairTask task, int maxConcurrency, ScheduleListener listener, Clock clock,
      Executor executor, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.plan = new Plan(new Jitter(random));
    this.runs = new Runs(maxConcurrency);
    // Read under the lock by the launcher, like every other use of `stopped`.
    this.launcher = new Launcher(task, listener, clock, executor, lock, planChanged, plan, runs,
        () -> stopped);
  }

  /** Starts the scheduling thread. */
  public void start() {
    lock.lock();
    try {
      if (stopped || loopThread != null) {
        throw new IllegalStateException(stopped ? "scheduler stopped" : "scheduler already started");
      }
      // A platform thread, not a virtual one: deciding "when" must not queue behind runs for a
      // carrier thread.
      loopThread = Thread.ofPlatform().name("cartprobe-scheduler").daemon().start(this::loop);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sets the pairs to schedule (at start and on every config reload). Unchanged pairs keep their
   * timing and failing state, new or changed ones start at their spread offset, removed ones are
   * no longer scheduled (a run of theirs in flight is left to finish).
   */
  public void update(Collection<ScheduledPair> pairs) {
    lock.lock();
    try {
      plan.update(pairs, clock.instant());
      planChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a pair's own task now, outside its schedule (evidence gathering), under the
   * same rules as a scheduled run: never overlapping the pair's run in flight, never above
   * {@code max_concurrency}. The pair's schedule is not moved; its outcome counts like any run's.
   */
  public TriggerResult trigger(PairKey pair) {
    return admit(pair, launcher::launch);
  }

  /**
   * Runs {@code body} for a pair now under the pair's rules (no overlap with its run in flight,
   * within {@code max_concurrency}, a refusal counted as a skip), without moving its schedule:
   * {@code GET /probe}, whose result goes back to its caller only.
   */
  public TriggerResult runFor(PairKey pair, PairTask body) {
    return admit(pair, run -> launcher.launch(run, body, false));
  }

  private TriggerResult admit(PairKey pair,
      java.util.function.Function<Run, java.util.concurrent.CompletableFuture<RunOutcome>> start) {
    Admission admission;
    lock.lock();
    try {
      if (stopped) {
        return new TriggerResult.Refused("scheduler stopped");
      }
      if (!plan.contains(pair)) {
        return new TriggerResult.Refused("not scheduled: " + pair);
      }
      admission = runs.admit(pair, clock.instant());
    } finally {
      lock.unlock();
    }
    return switch (admission) {
      case Admission.Refused(SkipReason reason) -> {
        launcher.skipped(pair, reason);
        yield new TriggerResult.Skipped(reason);
      }
      case Admission.Admitted(Run run) -> new TriggerResult.Started(start.apply(run));
    };
  }

  /**
   * Stops scheduling, waits up to {@code grace} for the runs in flight, then interrupts those
   * still going. Returns whether every run finished within the grace period. The wait is on real
   * time whatever the injected clock: it bounds how long shutdown takes.
   */
  public boolean stop(Duration grace) {
    Thread loop;
    lock.lock();
    try {
      stopped = true;
      planChanged.signalAll();
      loop = loopThread;
    } finally {
      lock.unlock();
    }
    // Joining first makes sure a pass that was dispatching has handed over all its runs, so
    // the wait below sees every one of them.
    if (loop != null && loop != Thread.currentThread()) {
      try {
        loop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return launcher.drain(grace);
  }

  /**
   * Asked by a task on its run's thread: true when {@link #stop} ran out of grace and interrupted
   * this run, so its outcome says nothing about the target.
   */
  public boolean interruptedByStop() {
    return launcher.cancelledHere();
  }

  /** Started and not stopped: what {@code /readyz} wants to know. */
  public boolean isScheduling() {
    lock.lock();
    try {
      return loopThread != null && !stopped;
    } finally {
      lock.unlock();
    }
  }

  public Optional<PairStatus> status(PairKey pair) {
    lock.lock();
    try {
      return plan.contains(pair) ? Optional.of(statusOf(pair)) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Every scheduled pair, in config order. */
  public List<PairStatus> statuses() {
    lock.lock();
    try {
      return plan.pairs().stream().map(p -> statusOf(p.key())).toList();
    } finally {
      lock.unlock();
    }
  }

  /** The earliest planned run; what the loop sleeps until. */
  Optional<Instant> nextDue() {
    lock.lock();
    try {
      return plan.nextDue();
    } finally {
      lock.unlock();
    }
  }

  /**
   * One scheduling pass: starts or skips every pair due now. The loop calls it each time it
   * wakes; tests call it directly after moving their clock, so no test has to sleep.
   */
  void runDue() {
    List<Decision> decisions = new ArrayList<>();
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      for (Tick tick : plan.takeDue(clock.instant())) {
        decisions.add(new Decision(tick.pair(), runs.admit(tick.pair(), tick.planned())));
      }
    } finally {
      lock.unlock();
    }
    for (Decision d : decisions) {
      switch (d.admission()) {
        case Admission.Refused(SkipReason reason) -> launcher.skipped(d.pair(), reason);
        case Admission.Admitted(Run run) -> launcher.launch(run);
      }
    }
  }

  private record Decision(PairKey pair, Admission admission) {}

  private void loop() {
    while (true) {
      try {
        runDue();
      } catch (RuntimeException e) {
        // Never let one bad pass (an executor refusing a run) end all scheduling.
        log.error("scheduling pass failed; carrying on", e);
      }
      lock.lock();
      try {
        if (stopped) {
          return;
        }
        Optional<Instant> next = plan.nextDue();
        if (next.isEmpty()) {
          planChanged.await();
        } else {
          long wait = Duration.between(clock.instant(), next.get()).toNanos();
          if (wait > 0) {
            planChanged.awaitNanos(wait);
          }
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  private PairStatus statusOf(PairKey key) {
    ScheduledPair pair = plan.pair(key).orElseThrow();
    return new PairStatus(pair, plan.nextDue(key).orElseThrow(), plan.isFailing(key), runs.isRunning(key));
  }
}
