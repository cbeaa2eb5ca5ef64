package io.cartprobe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Webhook delivery attempts by webhook name (from the config, never its URL) and result. */
public final class WebhookMetrics {

  static final String DELIVERIES = "cartprobe.webhook.deliveries"; // ..._deliveries_total

  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void delivery(String webhook, DeliveryResult result) {
    Counter.builder(DELIVERIES)
        .description("Webhook notification attempts by result: delivered, retried, dropped")
        .tags(Tags.of("result", result.wireName(), "webhook", webhook))
        .register(registry)
        .increment();
  }
}
