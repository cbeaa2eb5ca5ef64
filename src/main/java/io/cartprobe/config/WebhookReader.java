package io.cartprobe.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code webhooks:}. */
final class WebhookReader {

  static final List<String> KEYS =
      List.of("name", "url", "format", "hmac_secret", "send_resolved", "timeout", "headers",
          "routing_key");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private WebhookReader() {}

  static List<Webhook> read(Cursor c) {
    Names names = new Names("webhook");
    List<Webhook> out = new ArrayList<>();
    for (Cursor item : c.list().orElse(List.of())) {
      item.map().ifPresent(m -> out.add(webhook(m.allow(KEYS), names)));
    }
    return out;
  }

  private static Webhook webhook(MapCursor m, Names names) {
    String name = m.required("name").flatMap(n -> n.name().map(s -> {
      names.define(n, s);
      return s;
    })).orElse("");
    List<String> formats = java.util.Arrays.stream(WebhookFormat.values()).map(WebhookFormat::wireName).toList();
    WebhookFormat format = m.get("format").flatMap(f -> f.oneOf("format", formats))
        .flatMap(WebhookFormat::fromWireName).orElse(WebhookFormat.JSON);
    boolean pagerduty = format == WebhookFormat.PAGERDUTY;
    List<String> urls = pagerduty && !m.has("url")
        ? List.of(WebhookFormat.PAGERDUTY_EVENTS_URL)
        : m.required("url").map(WebhookReader::urls).orElse(List.of());
    Optional<String> routingKey = routingKey(m, pagerduty);
    Optional<String> secret = m.get("hmac_secret").flatMap(WebhookReader::hmacSecret);
    boolean sendResolved = m.get("send_resolved").flatMap(Cursor::bool).orElse(true);
    Duration timeout = m.get("timeout").flatMap(Cursor::duration).orElse(DEFAULT_TIMEOUT);
    Map<String, String> headers = m.get("headers").map(Cursor::stringMap).orElse(Map.of());
    return new Webhook(name, urls, format, secret, sendResolved, timeout, headers, routingKey);
  }

  /**
   * PagerDuty's 32-character integration key, usually {@code "${file:...}"} or {@code "${VAR}"}.
   * A secret: the errors describe it and never echo it.
   */
  private static Optional<String> routingKey(MapCursor m, boolean pagerduty) {
    if (!pagerduty) {
      m.get("routing_key").ifPresent(c -> c.error("only a webhook with format: pagerduty takes a "
          + "routing_key"));
      return Optional.empty();
    }
    return m.required("routing_key").flatMap(Cursor::string).flatMap(key -> {
      if (key.length() != 32 || !key.chars().allMatch(Character::isLetterOrDigit)) {
        m.get("routing_key").orElseThrow().error("expected PagerDuty's 32-character integration "
            + "key (letters and digits), found " + key.length() + " characters; hint: Service → "
            + "Integrations → Events API v2, and keep it out of the file with \"${file:PATH}\"");
        return Optional.empty();
      }
      return Optional.of(key);
    });
  }

  /** One URL, or a list of them (one per Alertmanager replica). */
  private static List<String> urls(Cursor c) {
    if (!(c.node() instanceof SequenceNode)) {
      return c.httpUrl().stream().toList();
    }
    List<Cursor> items = c.list().orElse(List.of());
    if (items.isEmpty()) {
      c.error("expected at least one URL");
    }
    return items.stream().flatMap(i -> i.httpUrl().stream()).toList();
  }

  /** Standard Webhooks: {@code whsec_} and a base64 key. The value is a secret: never echoed. */
  private static Optional<String> hmacSecret(Cursor c) {
    return c.string().flatMap(s -> {
      boolean valid = s.startsWith("whsec_") && s.length() > "whsec_".length();
      if (valid) {
        try {
          Base64.getDecoder().decode(s.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
          valid = false;
        }
      }
      if (!valid) {
        c.error("expected whsec_ followed by a base64 key (the Standard Webhooks secret format)");
        return Optional.empty();
      }
      return Optional.of(s);
    });
  }
}
