package io.cartprobe.config;

import java.util.Arrays;
import java.util.Optional;

/** The payload shapes a webhook can speak. */
public enum WebhookFormat {
  ALERTMANAGER("alertmanager"),
  ALERTMANAGER_API("alertmanager-api"),
  SLACK("slack"),
  JSON("json"),
  PAGERDUTY("pagerduty");

  /** PagerDuty's Events API v2 endpoint: a pagerduty webhook's URL when it names none. */
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  private final String wireName;

  WebhookFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookFormat> fromWireName(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }
}
