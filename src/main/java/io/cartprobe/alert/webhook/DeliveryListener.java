package io.cartprobe.alert.webhook;

/**
 * Delivery outcomes, for {@code cartprobe_webhook_deliveries_total{webhook,result}}. Called on
 * delivery threads; implementations must be quick and thread-safe.
 */
public interface DeliveryListener {

  DeliveryListener NONE = new DeliveryListener() {};

  default void delivered(String webhook) {}

  /** An attempt failed and another is scheduled. */
  default void retried(String webhook) {}

  /** Given up: a 4xx other than 408/429, retries exhausted, or expired. */
  default void dropped(String webhook, String why) {}
}
