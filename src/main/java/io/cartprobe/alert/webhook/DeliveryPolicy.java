package io.cartprobe.alert.webhook;

import java.time.Duration;

/**
 * How hard delivery tries. Defaults: backoff from 1s doubling to 5m (full jitter), at most 500
 * attempts and 24h; a receiver down for a night still gets everything in the morning.
 */
public record DeliveryPolicy(
    Duration baseDelay, Duration maxDelay, int maxAttempts, Duration maxAge) {

  public static DeliveryPolicy defaults() {
    return new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 500, Duration.ofHours(24));
  }
}
