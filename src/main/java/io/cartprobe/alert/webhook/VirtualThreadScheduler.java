package io.cartprobe.alert.webhook;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual thread per scheduled task: a wait is a parked virtual thread, which costs a few
 * hundred bytes, so a backoff of minutes holds no platform thread. {@link #close} interrupts
 * waiting tasks; undelivered notifications stay in the queue (and the state file).
 */
public final class VirtualThreadScheduler implements DeliveryScheduler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadScheduler.class);

  /** How long close() lets an attempt already on the wire finish (webhook timeouts are shorter). */
  static final Duration FINISH_IN_FLIGHT = Duration.ofSeconds(15);

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cartprobe-webhook-", 0).factory());
  /** Counted down by close(): waiting tasks wake and give up, new ones are not started. */
  private final CountDownLatch closing = new CountDownLatch(1);

  @Override
  public void schedule(Runnable task, Duration delay) {
    if (closing.getCount() == 0) {
      return; // closed (a reload or shutdown): the queue, and the state file, keep it
    }
    try {
      executor.execute(() -> {
        try {
          if (delay.isPositive() && closing.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
            return;
          }
          if (closing.getCount() == 0) {
            return;
          }
          task.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          LOG.error("webhook delivery task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("delivery not scheduled: closing");
    }
  }

  /**
   * Stops starting attempts and lets those already on the wire finish, so whoever takes over the
   * queue (a reload's new alerting) neither loses nor repeats one.
   */
  @Override
  public void close() {
    closing.countDown();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(FINISH_IN_FLIGHT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
