package io.cartprobe.config;

import java.util.Arrays;
import java.util.Optional;

/** The payload shapes a webhook can speak. */
public enum WebhookFormat {
  ALERTMANAGER("alertmanager"),
  ALERTMANAGER_API("alertmanager-api"),
  SLACK("slack"),
  JSON("json");

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
