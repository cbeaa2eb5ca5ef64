package io.cartprobe.alert;

import io.cartprobe.alert.webhook.DeliveryScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs delivery tasks on the test's thread when the test says so and the fake clock says they
 * are due: backoff waits are asserted as instants, and nothing sleeps.
 */
public final class ManualScheduler implements DeliveryScheduler {

  private record Task(Instant due, Runnable run) {}

  private final Clock clock;
  private final List<Task> tasks = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();

  public ManualScheduler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    tasks.add(new Task(clock.instant().plus(delay), task));
    delays.add(delay);
  }

  /** Runs every task due now, including those they schedule for now. */
  public void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        Instant now = clock.instant();
        next = tasks.stream().filter(t -> !t.due().isAfter(now)).findFirst().orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.run().run();
    }
  }

  public synchronized Optional<Instant> nextDue() {
    return tasks.stream().map(Task::due).min(Instant::compareTo);
  }

  /** Every delay ever asked for, in order. */
  public synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }
}
