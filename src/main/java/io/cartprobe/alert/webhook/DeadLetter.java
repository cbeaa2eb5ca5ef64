package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A notification delivery gave up on, kept for /api/status and the status page. */
@JsonNaming(LowerCamelCaseStrategy.class) // as the state file has it
public record DeadLetter(
    String id, String webhook, String url, String alert, String kind, String why, int attempts,
    Instant createdAt, Instant droppedAt) {}
