package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A notification receiver; {@code urls} has one entry per Alertmanager replica for alertmanager-api.
 *
 * @param routingKey PagerDuty's integration key (format pagerduty only): a secret, never printed,
 *     and added to the body only as it is sent, so the state file never holds it
 */
public record Webhook(
    String name,
    List<String> urls,
    WebhookFormat format,
    Optional<String> hmacSecret,
    boolean sendResolved,
    Duration timeout,
    Map<String, String> headers,
    Optional<String> routingKey) {

  public Webhook {
    urls = List.copyOf(urls);
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A webhook without a routing key: every format but pagerduty. */
  public Webhook(String name, List<String> urls, WebhookFormat format, Optional<String> hmacSecret,
      boolean sendResolved, Duration timeout, Map<String, String> headers) {
    this(name, urls, format, hmacSecret, sendResolved, timeout, headers, Optional.empty());
  }

  @Override
  public String toString() {
    return "Webhook[name=" + name + ", urls=" + urls + ", format=" + format.wireName() + "]";
  }
}
