package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.EventJson;
import io.cartprobe.result.json.Json;

/** cartprobe's own event, described by docs/webhook-event.schema.json. */
public record JsonEventFormat() implements PayloadFormat {

  @Override
  public String render(AlertEvent event, RenderContext context) {
    return Json.write(EventJson.of(event).sentBy(context.receiver(),
        PayloadFormat.generatorUrl(event, context.externalUrl()),
        PayloadFormat.evidenceUrl(event, context.externalUrl())));
  }
}
