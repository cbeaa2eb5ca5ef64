package io.cartprobe.alert.webhook;

import java.time.Instant;

/** A notification delivery gave up on, kept for /api/status and the status page. */
public record DeadLetter(
    String id, String webhook, String url, String alert, String kind, String why, int attempts,
    Instant createdAt, Instant droppedAt) {}
