package io.cartprobe.probe;

import io.cartprobe.config.Expect;
import io.cartprobe.config.Step;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Where a step's checks run. Matching, parsing and extraction are CPU-bound: on a run's
 * virtual thread they would hold one of the few carrier threads that every other run and the
 * agent's endpoints share, up to the step's deadline, so two heavy checks on two cores would
 * stall {@code /healthz}, {@code /metrics} and every healthy probe. The agent hands them to
 * platform threads of their own, which the operating system time-slices with everything else;
 * the run's virtual thread waits unmounted. A run on a platform thread ({@link RunThreads})
 * checks inline, as a one-off {@code cartprobe run} does.
 */
public final class ResponseChecks implements AutoCloseable {

  private final ExecutorService threads; // null: on the caller's thread

  private ResponseChecks(ExecutorService threads) {
    this.threads = threads;
  }

  public static ResponseChecks inline() {
    return new ResponseChecks(null);
  }

  /** @param count how many checks may run at once; more wait their turn, under their deadline */
  public static ResponseChecks onPlatformThreads(int count) {
    return new ResponseChecks(Executors.newFixedThreadPool(count,
        Thread.ofPlatform().daemon().name("cartprobe-check-", 0).factory()));
  }

  /**
   * Runs {@code work} and returns what it returns, rethrowing what it throws (a
   * {@link Deadline.Exceeded} included).
   *
   * @throws InterruptedException when the waiting run is interrupted (the agent stopping); the
   *     work is interrupted too
   */
  <T> T call(Supplier<T> work) throws InterruptedException {
    Objects.requireNonNull(work, "work");
    if (threads == null || !Thread.currentThread().isVirtual()) {
      return work.get(); // a platform thread holds no carrier: the OS time-slices it
    }
    Future<T> result;
    try {
      result = threads.submit(work::get);
    } catch (RejectedExecutionException closed) {
      return work.get(); // the agent is stopping: this last run checks on its own thread
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * Whether checking {@code step}'s response reads more than its status line: matching headers
   * or the body, JSON, extraction, classifiers or watched values. One that does not (a status,
   * a latency or a certificate check) costs less than the two thread hand-offs to a check
   * thread and back, so it is checked on the run's own thread; its excerpt on failure is cut
   * from a bounded window of the body.
   */
  static boolean readsTheBody(Step step, List<String> watch) {
    Expect expect = step.expect();
    return !expect.headers().isEmpty() || !expect.body().isEmpty() || !expect.json().isEmpty()
        || !step.extract().isEmpty() || !step.classify().isEmpty() || !watch.isEmpty();
  }

  @Override
  public void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }
}
