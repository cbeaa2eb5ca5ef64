package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A notification receiver; {@code urls} has one entry per Alertmanager replica for alertmanager-api. */
public record Webhook(
    String name,
    List<String> urls,
    WebhookFormat format,
    Optional<String> hmacSecret,
    boolean sendResolved,
    Duration timeout,
    Map<String, String> headers) {

  public Webhook {
    urls = List.copyOf(urls);
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
