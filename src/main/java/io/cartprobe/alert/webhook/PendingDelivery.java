package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One rendered payload waiting for one URL. Rendered at enqueue time, so what is retried (and
 * what a restart resends) is byte for byte what was meant to go; signed at each attempt, since
 * receivers reject stale timestamps.
 *
 * @param id the {@code webhook-id}: the same on every retry, so receivers can de-duplicate
 * @param dedupKey the alert instance (alertmanager-api re-sends skip one already queued)
 */
@JsonNaming(LowerCamelCaseStrategy.class) // as the state file has it
public record PendingDelivery(
    String id,
    String webhook,
    String url,
    String dedupKey,
    String kind,
    String body,
    Instant createdAt,
    int attempts,
    Instant notBefore) {

  /** The same notification for another URL of its webhook (the URL was edited). */
  PendingDelivery toUrl(String newUrl) {
    return new PendingDelivery(id, webhook, newUrl, dedupKey, kind, body, createdAt, attempts, notBefore);
  }

  PendingDelivery retryAt(Instant when) {
    return new PendingDelivery(id, webhook, url, dedupKey, kind, body, createdAt, attempts + 1, when);
  }

  PendingDelivery attempted() {
    return new PendingDelivery(id, webhook, url, dedupKey, kind, body, createdAt, attempts + 1, notBefore);
  }
}
