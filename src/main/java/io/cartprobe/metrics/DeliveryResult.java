package io.cartprobe.metrics;

import java.util.Locale;

/** The values of {@code cartprobe_webhook_deliveries_total{result}}. */
public enum DeliveryResult {
  /** The receiver accepted the notification. */
  DELIVERED,
  /** An attempt failed and another is scheduled. */
  RETRIED,
  /** Given up: a non-retryable answer, or expired. */
  DROPPED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
