package io.cartprobe.schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Holds each run until the test lets it go, on the test's own thread: a run handed over but not
 * yet released is "in flight", which is all the no-overlap and concurrency rules look at.
 */
final class ManualExecutor implements Executor {

  private final Deque<Runnable> pending = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable run) {
    pending.add(run);
  }

  /** Runs the oldest waiting run to completion. */
  void runNext() {
    Runnable next;
    synchronized (this) {
      next = pending.poll();
    }
    if (next == null) {
      throw new IllegalStateException("no run waiting");
    }
    next.run();
  }

  void runAll() {
    while (pending() > 0) {
      runNext();
    }
  }

  synchronized int pending() {
    return pending.size();
  }
}
