package io.cartprobe.alert.webhook;

import java.time.Duration;

/**
 * Where delivery work runs. Production uses {@link VirtualThreadScheduler}; tests use a manual
 * one driven by a fake clock, so backoff and Retry-After are asserted without sleeping.
 */
public interface DeliveryScheduler {

  /** Runs {@code task} once, after {@code delay}; never blocks the caller. */
  void schedule(Runnable task, Duration delay);
}
