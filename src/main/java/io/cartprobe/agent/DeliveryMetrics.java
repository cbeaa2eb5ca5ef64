package io.cartprobe.agent;

import io.cartprobe.alert.webhook.DeliveryListener;
import io.cartprobe.metrics.DeliveryResult;
import io.cartprobe.metrics.WebhookMetrics;

/** Webhook deliveries counted by outcome. */
record DeliveryMetrics(WebhookMetrics metrics) implements DeliveryListener {

  @Override
  public void delivered(String webhook) {
    metrics.delivery(webhook, DeliveryResult.DELIVERED);
  }

  @Override
  public void retried(String webhook) {
    metrics.delivery(webhook, DeliveryResult.RETRIED);
  }

  @Override
  public void dropped(String webhook, String why) {
    metrics.delivery(webhook, DeliveryResult.DROPPED);
  }
}
