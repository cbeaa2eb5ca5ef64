package io.cartprobe.statuspage;

import java.time.Instant;

/**
 * A notification the agent gave up delivering (a 4xx answer, retries exhausted, expired): the
 * page shows it, because an alert nobody received is an outage of its own.
 */
public record UndeliveredNotification(String webhook, String alert, String why, Instant droppedAt) {}
