package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * A push to Alertmanager's {@code POST /api/v2/alerts}, the way Prometheus pushes: a firing alert
 * carries {@code endsAt = now + 4 × max(interval, 1m)} so it expires by itself if this agent dies,
 * and is re-sent at least every minute to keep it alive; a resolved one carries its resolve time.
 */
public record AlertmanagerApiFormat() implements PayloadFormat {

  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final int LIFETIME_INTERVALS = 4;

  @Override
  public String render(AlertEvent e, RenderContext context) {
    ArrayNode alerts = MAPPER.createArrayNode();
    ObjectNode alert = alerts.addObject();
    alert.set("labels", PayloadFormat.object(AlertLabels.labels(e)));
    alert.set("annotations", PayloadFormat.object(AlertLabels.annotations(e)));
    alert.put("startsAt", e.startsAt().toString());
    alert.put("endsAt", endsAt(e, context.now()).toString());
    alert.put("generatorURL", PayloadFormat.generatorUrl(e, context.externalUrl()));
    return PayloadFormat.write(alerts);
  }

  static Instant endsAt(AlertEvent e, Instant now) {
    if (e.resolved()) {
      return e.endsAt().orElseThrow();
    }
    Duration interval = e.probeInterval().compareTo(MIN_INTERVAL) > 0 ? e.probeInterval() : MIN_INTERVAL;
    return now.plus(interval.multipliedBy(LIFETIME_INTERVALS));
  }

  @Override
  public String target(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return base.endsWith("/api/v2/alerts") ? base : base + "/api/v2/alerts";
  }
}
