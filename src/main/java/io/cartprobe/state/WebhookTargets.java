package io.cartprobe.state;

import io.cartprobe.alert.webhook.PayloadFormat;
import io.cartprobe.config.Webhook;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stands a delivery's URL for its position in its webhook's {@code urls}, and back: the database
 * keeps the webhook's name and that position, so no URL (and no token in one) is ever written.
 */
final class WebhookTargets {

  static final int UNKNOWN = -1;

  private final Supplier<List<Webhook>> webhooks;

  WebhookTargets(Supplier<List<Webhook>> webhooks) {
    this.webhooks = webhooks;
  }

  int index(String webhook, String url) {
    for (Webhook w : webhooks.get()) {
      if (w.name().equals(webhook)) {
        PayloadFormat format = PayloadFormat.of(w.format());
        for (int i = 0; i < w.urls().size(); i++) {
          if (format.target(w.urls().get(i)).equals(url)) {
            return i;
          }
        }
      }
    }
    return UNKNOWN;
  }

  /** The URL now configured there, or "" (delivery then goes to every URL of the webhook). */
  String url(String webhook, int index) {
    for (Webhook w : webhooks.get()) {
      if (w.name().equals(webhook) && index >= 0 && index < w.urls().size()) {
        return PayloadFormat.of(w.format()).target(w.urls().get(index));
      }
    }
    return "";
  }
}
