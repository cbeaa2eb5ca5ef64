package io.cartprobe.alert.webhook;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
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

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cartprobe-webhook-", 0).factory());

  @Override
  public void schedule(Runnable task, Duration delay) {
    executor.execute(() -> {
      try {
        if (delay.isPositive()) {
          Thread.sleep(delay);
        }
        task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.error("webhook delivery task failed", e);
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
