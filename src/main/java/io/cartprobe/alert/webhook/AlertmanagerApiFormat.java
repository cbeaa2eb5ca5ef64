package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.result.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A push to Alertmanager's {@code POST /api/v2/alerts}, the way Prometheus pushes: a firing alert
 * carries {@code endsAt = now + 4 × max(interval, 1m)} so it expires by itself if this agent dies,
 * and is re-sent at least every minute to keep it alive; a resolved one carries its resolve time.
 */
public record AlertmanagerApiFormat() implements PayloadFormat {

  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  static final int LIFETIME_INTERVALS = 4;

  /** One element of the pushed list (Alertmanager's {@code postableAlert}). */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record PostableAlert(Map<String, String> labels, Map<String, String> annotations,
      Instant startsAt, Instant endsAt, String generatorURL) {}

  @Override
  public String render(AlertEvent e, RenderContext context) {
    return Json.write(List.of(new PostableAlert(AlertLabels.labels(e),
        AlertLabels.annotations(e, context.externalUrl()),
        e.startsAt(), endsAt(e, context.now()),
        PayloadFormat.generatorUrl(e, context.externalUrl()))));
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
