package io.cartprobe.probe;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where probe runs execute. A run spends its time blocked on the network, and its steps'
 * durations are measured across those waits. On a platform thread the kernel wakes the run
 * when its answer arrives; on a virtual thread a poller is woken, which hands the run to a
 * carrier thread that may itself be asleep: a second wake-up inside the measured time, the
 * tail of the latency-truth bench (figures in docs/benchmarks.md). Platform threads cost a
 * stack each, so only the first {@code platform} runs in flight get one (an idle one is kept
 * for a minute, then ends); past that, runs go to virtual threads, as many as the caller lets
 * in. A run on a platform thread also checks its responses inline ({@link ResponseChecks}).
 */
public final class RunThreads implements AutoCloseable {

  /** Enough for a few hundred probes at their intervals; bursts past it go virtual. */
  public static final int PLATFORM = 8;

  private final ThreadPoolExecutor platform;
  private final ExecutorService virtual;

  /**
   * @param name the threads' name prefix, numbered from 0 (a platform thread's name ends in
   *     {@code -p}, then its number)
   * @param platform how many runs at once get a platform thread
   */
  public RunThreads(String name, int platform) {
    // No queue: a run that finds no idle platform thread, and no room for another, is rejected
    // here and goes to a virtual thread at once instead of waiting for one.
    this.platform = new ThreadPoolExecutor(0, platform, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), Thread.ofPlatform().daemon().name(name + "p", 0).factory());
    this.virtual = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory());
  }

  /** Starts {@code run} on a platform thread if one is free (or may be started), else a virtual one. */
  public <T> Future<T> submit(Callable<T> run) {
    try {
      return platform.submit(run);
    } catch (RejectedExecutionException full) {
      return virtual.submit(run); // rejects in turn once closed
    }
  }

  /** Interrupts the runs still going; starts none after. */
  @Override
  public void close() {
    platform.shutdownNow();
    virtual.shutdownNow();
  }
}
