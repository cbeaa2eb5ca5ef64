package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.config.Webhook;
import io.cartprobe.config.WebhookFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** How a notification becomes an HTTP body, one implementation per {@code format}. */
public sealed interface PayloadFormat
    permits AlertmanagerFormat, AlertmanagerApiFormat, SlackFormat, JsonEventFormat, PagerDutyFormat {

  String render(AlertEvent event, RenderContext context);

  /** The URL to POST to, given a configured one. */
  default String target(String url) {
    return url;
  }

  /** The body as sent, from the body as queued: where a format adds what must not be stored. */
  default String seal(String body, Webhook webhook) {
    return body;
  }

  /** The least wait before retrying after this status, when the receiver documents one. */
  default Duration minimumRetryWait(int status) {
    return Duration.ZERO;
  }

  static PayloadFormat of(WebhookFormat format) {
    return switch (format) {
      case ALERTMANAGER -> new AlertmanagerFormat();
      case ALERTMANAGER_API -> new AlertmanagerApiFormat();
      case SLACK -> new SlackFormat();
      case JSON -> new JsonEventFormat();
      case PAGERDUTY -> new PagerDutyFormat();
    };
  }

  /** Links back to the agent's status page for this probe and environment. */
  static String generatorUrl(AlertEvent e, String externalUrl) {
    return statusPageUrl(e.probe(), e.env(), externalUrl);
  }

  /**
   * The agent's evidence page for the notification's episode ({@code /incidents/<id>}): carried
   * by every firing notification, so the first alert already holds what the provider will ask.
   */
  static java.util.Optional<String> evidenceUrl(AlertEvent e, String externalUrl) {
    if (e.resolved() || externalUrl.isBlank()) {
      return java.util.Optional.empty();
    }
    String base = externalUrl.endsWith("/") ? externalUrl : externalUrl + "/";
    return java.util.Optional.of(base + "incidents/" + e.episodeId());
  }

  static String statusPageUrl(String probe, String env, String externalUrl) {
    if (externalUrl.isBlank()) {
      return "";
    }
    String base = externalUrl.endsWith("/") ? externalUrl : externalUrl + "/";
    return base + "?probe=" + URLEncoder.encode(probe, StandardCharsets.UTF_8)
        + "&env=" + URLEncoder.encode(env, StandardCharsets.UTF_8);
  }
}
