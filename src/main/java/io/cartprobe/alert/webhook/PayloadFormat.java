package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.config.WebhookFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a notification becomes an HTTP body, one implementation per {@code format}. */
public sealed interface PayloadFormat
    permits AlertmanagerFormat, AlertmanagerApiFormat, SlackFormat, JsonEventFormat {

  String render(AlertEvent event, RenderContext context);

  /** The URL to POST to, given a configured one. */
  default String target(String url) {
    return url;
  }

  static PayloadFormat of(WebhookFormat format) {
    return switch (format) {
      case ALERTMANAGER -> new AlertmanagerFormat();
      case ALERTMANAGER_API -> new AlertmanagerApiFormat();
      case SLACK -> new SlackFormat();
      case JSON -> new JsonEventFormat();
    };
  }

  /** Links back to the agent's status page for this probe and environment. */
  static String generatorUrl(AlertEvent e, String externalUrl) {
    if (externalUrl.isBlank()) {
      return "";
    }
    String base = externalUrl.endsWith("/") ? externalUrl : externalUrl + "/";
    return base + "?probe=" + URLEncoder.encode(e.probe(), StandardCharsets.UTF_8)
        + "&env=" + URLEncoder.encode(e.env(), StandardCharsets.UTF_8);
  }
}
