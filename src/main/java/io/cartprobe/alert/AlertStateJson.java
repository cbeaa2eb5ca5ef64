package io.cartprobe.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.result.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link AlertState} as the {@code "alerts"} section of the agent's state file, bound by
 * {@link Json} (camelCase, as 0.1.0 wrote it). Versioned, so a later layout can read an older
 * file; an instance in a state this version does not know is skipped, not fatal.
 */
public final class AlertStateJson {

  /** The key alerting owns in the agent's state file. */
  public static final String SECTION = "alerts";
  public static final int VERSION = 1;

  private AlertStateJson() {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record Section(int version, Instant savedAt, List<InstanceSnapshot> instances,
      List<PendingDelivery> pending, List<DeadLetter> deadLetters) {}

  public static JsonNode toJson(AlertState state) {
    return Json.tree(new Section(VERSION, state.savedAt(), state.instances(), state.pending(),
        state.deadLetters()));
  }

  /** @throws IllegalArgumentException when the section is unreadable or from a newer version */
  public static AlertState fromJson(JsonNode node) {
    Section section = Json.read(node, Section.class);
    if (section.version() > VERSION) {
      throw new IllegalArgumentException("alert state version " + section.version()
          + " is newer than this cartprobe understands (" + VERSION + ")");
    }
    return new AlertState(Objects.requireNonNullElse(section.savedAt(), Instant.EPOCH),
        section.instances().stream().filter(i -> i.state() != null).toList(),
        section.pending(), section.deadLetters());
  }
}
