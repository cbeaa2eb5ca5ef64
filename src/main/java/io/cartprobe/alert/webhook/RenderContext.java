package io.cartprobe.alert.webhook;

import java.time.Instant;

/**
 * @param receiver the webhook's name (Alertmanager's {@code receiver})
 * @param externalUrl where people reach this agent's status page ("" when unknown)
 * @param now when the payload is rendered; alertmanager-api derives endsAt from it
 */
public record RenderContext(String receiver, String externalUrl, Instant now) {}
