package io.cartprobe.schedule;

import io.cartprobe.schedule.Runs.Run;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run side of the {@link Scheduler}: hands an admitted run to the executor, runs the task on
 * that thread, frees the slot when it ends (letting the outcome steer the plan), and at stop waits
 * for the runs in flight, then interrupts the rest. Shares the scheduler's lock, plan and runs.
 */
final class Launcher {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final PairTask task;
  private final ScheduleListener listener;
  private final Clock clock;
  private final Executor executor;
  private final ReentrantLock lock;
  private final Condition planChanged;
  /** Signalled when a run ends: stop() re-checks whether all are done. */
  private final Condition runEnded;
  private final Plan plan;
  private final Runs runs;
  private final BooleanSupplier stopped;
  /** The run on this thread, so its task can ask whether stop() gave up on it. */
  private final ThreadLocal<Run> current = new ThreadLocal<>();
  /** After interrupting, how long the interrupted runs get to hand their results on. */
  static final Duration AFTER_INTERRUPT = Duration.ofSeconds(2);

  Launcher(PairTask task, ScheduleListener listener, Clock clock, Executor executor,
      ReentrantLock lock, Condition planChanged, Plan plan, Runs runs, BooleanSupplier stopped) {
    this.task = Objects.requireNonNull(task, "task");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.lock = lock;
    this.planChanged = planChanged;
    this.runEnded = lock.newCondition();
    this.plan = plan;
    this.runs = runs;
    this.stopped = stopped;
  }

  /** On a run's thread: stop() ran out of grace and interrupted this run. */
  boolean cancelledHere() {
    Run run = current.get();
    lock.lock();
    try {
      return run != null && run.cancelled;
    } finally {
      lock.unlock();
    }
  }

  /** Hands an admitted run of the pair's own task to the executor; its slot is already taken. */
  CompletableFuture<RunOutcome> launch(Run run) {
    return launch(run, task, true);
  }

  /**
   * @param steersPlan whether the outcome picks the pair's next interval (a run for someone
   *     else, {@code /probe}, does not move the schedule)
   */
  CompletableFuture<RunOutcome> launch(Run run, PairTask body, boolean steersPlan) {
    CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    try {
      executor.execute(() -> execute(run, body, steersPlan, outcome));
    } catch (RejectedExecutionException e) {
      ended(run, Optional.empty());
      outcome.completeExceptionally(e);
      throw e;
    }
    return outcome;
  }

  void skipped(PairKey pair, SkipReason reason) {
    report(() -> listener.runSkipped(pair, reason));
  }

  /**
   * Waits up to {@code grace} (real time, whatever the injected clock) for the runs in flight,
   * then interrupts those still going; true if every run finished in time. Call after the
   * scheduling loop has stopped handing out runs.
   */
  boolean drain(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    lock.lock();
    try {
      long left;
      while (!runs.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        runEnded.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // asked to hurry: give up on the grace period
    }
    try {
      if (runs.isEmpty()) {
        return true;
      }
      for (Run run : runs.all()) {
        run.cancelled = true;
        run.thread().ifPresent(Thread::interrupt);
      }
      long end = System.nanoTime() + AFTER_INTERRUPT.toNanos();
      long left;
      while (!runs.isEmpty() && (left = end - System.nanoTime()) > 0) {
        runEnded.awaitNanos(left);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** A run's body, on its own thread. */
  private void execute(Run run, PairTask body, boolean steersPlan,
      CompletableFuture<RunOutcome> done) {
    lock.lock();
    try {
      if (run.cancelled) { // stop() gave up on it before it got a thread
        runs.release(run);
        runEnded.signalAll();
        done.cancel(false);
        return;
      }
      run.thread = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    current.set(run);
    Thread self = Thread.currentThread();
    String name = self.getName();
    self.setName("cartprobe-run " + run.pair); // a hung run is easy to find in a thread dump
    Instant started = clock.instant();
    report(() -> listener.runStarted(run.pair, Duration.between(run.planned, started)));
    RunOutcome outcome = RunOutcome.FAILED;
    Error fatal = null;
    try {
      outcome = Objects.requireNonNullElse(body.run(run.pair), RunOutcome.FAILED);
    } catch (InterruptedException e) {
      // stop() ran out of grace: the run ends as failed, nobody waits for its outcome.
    } catch (Exception e) {
      report(() -> listener.runCrashed(run.pair, e));
    } catch (Error e) {
      report(() -> listener.runCrashed(run.pair, e));
      fatal = e;
    } finally {
      self.setName(name);
      current.remove();
    }
    RunOutcome finalOutcome = outcome;
    // Reported before the slot is freed, so whoever waits for runs to end (stop) also sees
    // them reported.
    report(() -> listener.runFinished(run.pair, finalOutcome));
    ended(run, steersPlan ? Optional.of(outcome) : Optional.empty());
    if (fatal != null) {
      done.completeExceptionally(fatal);
      throw fatal;
    }
    done.complete(outcome);
  }

  /** Frees the run's slot and lets its outcome steer the plan (a failing pair looks closer). */
  private void ended(Run run, Optional<RunOutcome> outcome) {
    lock.lock();
    try {
      runs.release(run);
      run.thread = null;
      // Only a run that moved its pair's next run wakes the loop: a wake-up per run was the
      // scheduler thread's largest cost (a skip never waits for a free slot, so nothing else
      // in the plan changes when a run ends).
      if (!stopped.getAsBoolean() && outcome.isPresent()
          && plan.recordOutcome(run.pair, outcome.get(), clock.instant())) {
        planChanged.signalAll();
      }
      runEnded.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A listener that throws must not break scheduling or leak a slot. */
  private static void report(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("schedule listener failed", e);
    }
  }

  static Executor virtualThreadPerRun() {
    ThreadFactory threads = Thread.ofVirtual().name("cartprobe-run-", 0).factory();
    return r -> threads.newThread(r).start();
  }
}
