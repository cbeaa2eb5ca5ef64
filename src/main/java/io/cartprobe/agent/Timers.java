package io.cartprobe.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's periodic chores on one platform thread of their own, apart from the scheduler:
 * a chore that throws is logged and runs again next time rather than silently stopping.
 */
final class Timers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Timers.class);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("cartprobe-timers").factory());

  /** Runs {@code chore} every {@code period}, the first time after {@code initialDelay}. */
  void every(Duration period, Duration initialDelay, String name, Runnable chore) {
    executor.scheduleAtFixedRate(() -> {
      try {
        chore.run();
      } catch (RuntimeException e) {
        log.error("{} failed", name, e);
      }
    }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
