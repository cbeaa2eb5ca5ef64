package io.cartprobe.history;

import io.cartprobe.result.JsonFields;
import io.cartprobe.result.ProbeResultReader;
import io.cartprobe.result.ConfigChange;

import static io.cartprobe.history.RecordJson.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History's part of the state file:
 * {@code {"version": 1, "pairs": [{probe, env, capacity, failing_since, consecutive_failures,
 * runs: [...], config_changes: [...], alert_transitions: [...], latest: <ResultJson>}]}}.
 */
final class SnapshotJson {

  static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotJson.class);

  private SnapshotJson() {}

  record Pair(
      HistoryKey key,
      int capacity,
      List<RunRecord> runs,
      Optional<Instant> failingSince,
      int consecutiveFailures,
      List<ConfigChange> configChanges,
      List<AlertTransition> alertTransitions,
      Optional<ProbeResult> latest) {}

  static ObjectNode write(List<PairHistory> pairs) {
    ObjectNode root = NODES.objectNode();
    root.put("version", VERSION);
    ArrayNode array = root.putArray("pairs");
    for (PairHistory pair : pairs) {
      // One pair at a time under its own lock: a consistent pair, without stopping the others.
      synchronized (pair) {
        ObjectNode node = array.addObject();
        node.put("probe", pair.key().probe());
        node.put("env", pair.key().environment());
        node.put("capacity", pair.capacity());
        JsonFields.put(node, "failing_since", pair.failingSince().map(Instant::toString));
        node.put("consecutive_failures", pair.consecutiveFailures());
        ArrayNode runs = node.putArray("runs");
        pair.runs().forEach(r -> runs.add(RecordJson.run(r)));
        ArrayNode changes = node.putArray("config_changes");
        pair.configChanges().forEach(c -> changes.add(RecordJson.configChange(c)));
        ArrayNode alerts = node.putArray("alert_transitions");
        pair.alertTransitions().forEach(a -> alerts.add(RecordJson.alertTransition(a)));
        node.set("latest", pair.latest().<JsonNode>map(ResultJson::toJson)
            .orElse(NODES.nullNode()));
      }
    }
    return root;
  }

  static List<Pair> read(JsonNode root) {
    List<Pair> out = new ArrayList<>();
    if (root == null || !root.path("pairs").isArray()) {
      return out;
    }
    int version = root.path("version").asInt(VERSION);
    if (version > VERSION) {
      LOG.warn("history snapshot version {} is newer than {}; reading what is understood",
          version, VERSION);
    }
    for (JsonNode node : root.get("pairs")) {
      try {
        out.add(pair(node));
      } catch (RuntimeException e) {
        LOG.warn("skipping a history entry of the state file that does not parse: {}",
            e.getMessage());
      }
    }
    return out;
  }

  private static Pair pair(JsonNode node) {
    HistoryKey key = new HistoryKey(JsonFields.text(node, "probe"), JsonFields.text(node, "env"));
    List<RunRecord> runs = new ArrayList<>();
    for (JsonNode r : node.path("runs")) {
      runs.add(RecordJson.run(r));
    }
    List<ConfigChange> changes = new ArrayList<>();
    for (JsonNode c : node.path("config_changes")) {
      changes.add(RecordJson.configChange(c));
    }
    List<AlertTransition> alerts = new ArrayList<>();
    for (JsonNode a : node.path("alert_transitions")) {
      alerts.add(RecordJson.alertTransition(a));
    }
    Optional<ProbeResult> latest = node.path("latest").isObject()
        ? Optional.of(ProbeResultReader.read(node.get("latest")))
        : Optional.empty();
    return new Pair(key, node.path("capacity").asInt(0), runs,
        JsonFields.optionalInstant(node, "failing_since"),
        node.path("consecutive_failures").asInt(0), changes, alerts, latest);
  }
}
