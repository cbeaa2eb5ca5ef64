package io.cartprobe.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of {@link AlertState}: the {@code "alerts"} key of the agent's state file. Versioned,
 * so a later layout can read an older file; unknown instance states are skipped, not fatal.
 */
public final class AlertStateJson {

  /** The key alerting owns in the agent's state file. */
  public static final String SECTION = "alerts";
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertStateJson() {}

  /** Puts {@code state} under {@value #SECTION} in the agent's state document. */
  public static void writeSection(ObjectNode root, AlertState state) {
    root.set(SECTION, toJson(state));
  }

  /** The section of the agent's state document, if it has one. */
  public static Optional<AlertState> readSection(JsonNode root) {
    JsonNode section = root.get(SECTION);
    return section == null || section.isNull() ? Optional.empty() : Optional.of(fromJson(section));
  }

  public static ObjectNode toJson(AlertState state) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("version", VERSION);
    node.put("savedAt", state.savedAt().toString());
    ArrayNode instances = node.putArray("instances");
    for (InstanceSnapshot s : state.instances()) {
      ObjectNode i = instances.addObject();
      i.put("alert", s.alert());
      i.put("probe", s.probe());
      i.put("env", s.env());
      i.put("state", s.state().wireName());
      putInstant(i, "since", s.since());
      putInstant(i, "firstFailureAt", s.firstFailureAt());
      i.put("failures", s.failures());
      i.put("goodStreak", s.goodStreak());
      i.put("notified", s.notified());
      putInstant(i, "lastSentAt", s.lastSentAt());
      s.lastEvent().ifPresentOrElse(e -> i.set("lastEvent", AlertEventJson.toJson(e)),
          () -> i.putNull("lastEvent"));
      s.pendingResolved().ifPresentOrElse(e -> i.set("pendingResolved", AlertEventJson.toJson(e)),
          () -> i.putNull("pendingResolved"));
    }
    ArrayNode pending = node.putArray("pending");
    for (PendingDelivery d : state.pending()) {
      pending.addObject()
          .put("id", d.id()).put("webhook", d.webhook()).put("url", d.url())
          .put("dedupKey", d.dedupKey()).put("kind", d.kind()).put("body", d.body())
          .put("createdAt", d.createdAt().toString()).put("attempts", d.attempts())
          .put("notBefore", d.notBefore().toString());
    }
    ArrayNode dead = node.putArray("deadLetters");
    for (DeadLetter d : state.deadLetters()) {
      dead.addObject()
          .put("id", d.id()).put("webhook", d.webhook()).put("url", d.url())
          .put("alert", d.alert()).put("kind", d.kind()).put("why", d.why())
          .put("attempts", d.attempts()).put("createdAt", d.createdAt().toString())
          .put("droppedAt", d.droppedAt().toString());
    }
    return node;
  }

  public static AlertState fromJson(JsonNode node) {
    int version = node.path("version").asInt(VERSION);
    if (version > VERSION) {
      throw new IllegalArgumentException("alert state version " + version
          + " is newer than this cartprobe understands (" + VERSION + ")");
    }
    List<InstanceSnapshot> instances = new ArrayList<>();
    for (JsonNode i : node.path("instances")) {
      InstanceState state;
      try {
        state = InstanceState.valueOf(i.path("state").asText().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        continue;
      }
      instances.add(new InstanceSnapshot(i.path("alert").asText(), i.path("probe").asText(),
          i.path("env").asText(), state, instant(i, "since"), instant(i, "firstFailureAt"),
          i.path("failures").asInt(), i.path("goodStreak").asInt(), i.path("notified").asBoolean(),
          instant(i, "lastSentAt"), event(i, "lastEvent"), event(i, "pendingResolved")));
    }
    List<PendingDelivery> pending = new ArrayList<>();
    for (JsonNode d : node.path("pending")) {
      pending.add(new PendingDelivery(d.path("id").asText(), d.path("webhook").asText(),
          d.path("url").asText(), d.path("dedupKey").asText(), d.path("kind").asText(),
          d.path("body").asText(), Instant.parse(d.path("createdAt").asText()),
          d.path("attempts").asInt(), Instant.parse(d.path("notBefore").asText())));
    }
    List<DeadLetter> dead = new ArrayList<>();
    for (JsonNode d : node.path("deadLetters")) {
      dead.add(new DeadLetter(d.path("id").asText(), d.path("webhook").asText(),
          d.path("url").asText(), d.path("alert").asText(), d.path("kind").asText(),
          d.path("why").asText(), d.path("attempts").asInt(),
          Instant.parse(d.path("createdAt").asText()), Instant.parse(d.path("droppedAt").asText())));
    }
    return new AlertState(instant(node, "savedAt").orElse(Instant.EPOCH), instances, pending, dead);
  }

  private static void putInstant(ObjectNode node, String field, Optional<Instant> value) {
    value.ifPresentOrElse(v -> node.put(field, v.toString()), () -> node.putNull(field));
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
  }

  private static Optional<AlertEvent> event(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(AlertEventJson.fromJson(v));
  }
}
