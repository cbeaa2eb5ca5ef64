package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertEventJson;

/** cartprobe's own event, described by docs/webhook-event.schema.json. */
public record JsonEventFormat() implements PayloadFormat {

  @Override
  public String render(AlertEvent event, RenderContext context) {
    var node = AlertEventJson.toJson(event);
    node.put("receiver", context.receiver());
    node.put("generatorURL", PayloadFormat.generatorUrl(event, context.externalUrl()));
    return PayloadFormat.write(node);
  }
}
