package io.cartprobe.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One evidence episode as stored: keyed and timed here, its content a JSON document whose shape
 * belongs to whoever writes it (the evidence page).
 *
 * @param variant {@code ""} for the probe itself
 * @param closedAt empty while the episode is open
 */
public record EvidenceEpisode(String id, String probe, String environment, String variant,
    Instant openedAt, Optional<Instant> closedAt, JsonNode document) {

  public EvidenceEpisode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    variant = Objects.requireNonNullElse(variant, "");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(closedAt, "closedAt");
    Objects.requireNonNull(document, "document");
  }
}
