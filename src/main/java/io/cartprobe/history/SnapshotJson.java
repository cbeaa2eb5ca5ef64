package io.cartprobe.history;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History's section of the state file: {@code {"version": 1, "pairs": [Pair...]}}, each pair
 * with its runs, changes, transitions and latest whole result. Read pair by pair, so one entry
 * another version wrote differently is skipped rather than losing the rest.
 */
final class SnapshotJson {

  static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotJson.class);

  private SnapshotJson() {}

  record Snapshot(int version, List<Pair> pairs) {}

  record Pair(
      String probe,
      String env,
      int capacity,
      Optional<Instant> failingSince,
      int consecutiveFailures,
      List<RunJson> runs,
      List<ChangeJson> configChanges,
      List<AlertTransition> alertTransitions,
      Optional<ProbeResult> latest,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {

    Pair {
      Objects.requireNonNull(probe, "probe"); // a pair without them names nothing
      Objects.requireNonNull(env, "env");
      variant = variant == null ? "" : variant; // absent in files from before matrices
    }

    /** Under the pair's lock: a consistent pair, without stopping the others. */
    static Pair of(PairHistory pair) {
      synchronized (pair) {
        return new Pair(pair.key().probe(), pair.key().environment(), pair.capacity(),
            pair.failingSince(), pair.consecutiveFailures(),
            pair.runs().stream().map(RunJson::of).toList(),
            pair.configChanges().stream().map(ChangeJson::of).toList(),
            pair.alertTransitions(), pair.latest(), pair.key().variant());
      }
    }

    HistoryKey key() {
      return new HistoryKey(probe, env, variant);
    }

    List<RunRecord> records() {
      return runs.stream().map(RunJson::record).toList();
    }

    List<ConfigChange> changes() {
      return configChanges.stream().map(ChangeJson::change).toList();
    }
  }

  static JsonNode write(List<PairHistory> pairs) {
    return Json.tree(new Snapshot(VERSION, pairs.stream().map(Pair::of).toList()));
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
        out.add(Json.read(node, Pair.class));
      } catch (RuntimeException e) {
        LOG.warn("skipping a history entry of the state file that does not parse: {}",
            e.getMessage());
      }
    }
    return out;
  }
}
