package io.cartprobe.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.AlertStateJson;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.PairState;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.history.SavedPair;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.json.Json;
import io.cartprobe.watch.WatchState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the JSON state file of cartprobe 0.1 (sections {@code watch}, {@code alerts},
 * {@code history}) once, in one transaction. A section that does not read is skipped with a
 * warning; the rest still comes over. The JSON file itself stays where {@link Aside} put it.
 */
final class JsonImport {

  private static final Logger log = LoggerFactory.getLogger(JsonImport.class);

  private JsonImport() {}

  static void run(Connection c, Path json, Path db, WebhookTargets targets, Clock clock)
      throws SQLException {
    JsonNode root;
    try {
      root = Json.parse(Files.readAllBytes(json));
    } catch (IOException e) {
      log.error("state file {} held JSON of cartprobe 0.1 that does not read ({}): nothing "
          + "imported; it is kept as {}", db, e.getMessage(), json.getFileName());
      return;
    }
    c.setAutoCommit(false);
    try {
      section(c, root, "watch", db, node -> {
        for (WatchState.BaselineState b : Json.read(node, WatchState.class).baselines()) {
          BaselineRows.upsert(c, b);
        }
      });
      section(c, root, AlertStateJson.SECTION, db, node -> alerts(c,
          AlertStateJson.fromJson(node), targets));
      section(c, root, "history", db, node -> {
        for (SavedPair p : RunHistory.readSnapshot(node)) {
          history(c, p, clock.instant());
        }
      });
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    log.info("state file {}: imported the JSON state of cartprobe 0.1; the JSON file is kept as {}",
        db, json.getFileName());
  }

  private interface Section {
    void write(JsonNode node) throws SQLException;
  }

  private static void section(Connection c, JsonNode root, String name, Path db, Section section)
      throws SQLException {
    JsonNode node = root.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SAVEPOINT section");
      try {
        section.write(node);
        s.execute("RELEASE section");
      } catch (RuntimeException e) {
        s.execute("ROLLBACK TO section");
        s.execute("RELEASE section");
        log.warn("state file {}: the \"{}\" section of the imported JSON does not read ({}); "
            + "it is left out", db, name, e.getMessage());
      }
    }
  }

  private static void alerts(Connection c, AlertState state, WebhookTargets targets)
      throws SQLException {
    for (var i : state.instances()) {
      AlertTables.upsertInstance(c, i, state.savedAt());
    }
    long seq = 1;
    for (PendingDelivery d : state.pending()) {
      AlertTables.insertPending(c, d, seq++, targets.index(d.webhook(), d.url()));
    }
    for (DeadLetter d : state.deadLetters()) {
      AlertTables.insertDead(c, d, targets.index(d.webhook(), d.url()));
    }
  }

  private static void history(Connection c, SavedPair p, Instant now) throws SQLException {
    for (RunRecord run : p.runs()) {
      HistoryRows.run(p.key(), run).apply(c);
    }
    for (ConfigChange change : p.configChanges()) {
      HistoryRows.change(change).apply(c);
    }
    for (AlertTransition t : p.alertTransitions()) {
      HistoryRows.insertTransition(c, t);
    }
    Optional<Instant> since = p.failingSince();
    HistoryRows.pairState(p.key(), new PairState(p.latest(), Optional.empty(),
        PairState.RunCounts.ZERO, p.consecutiveFailures(), since), now).apply(c);
  }
}
