package io.cartprobe.state;

import io.cartprobe.alert.AlertKey;
import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.InstanceSnapshot;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQL of alerting's three tables. */
final class AlertTables {

  private static final Logger log = LoggerFactory.getLogger(AlertTables.class);

  private AlertTables() {}

  static void upsertInstance(Connection c, InstanceSnapshot i, Instant at) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO alert_instances (alert, probe, environment, variant, state, document, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert, probe, environment, variant) DO UPDATE SET
          state = excluded.state, document = excluded.document, updated_at = excluded.updated_at""")) {
      p.setString(1, i.alert());
      p.setString(2, i.probe());
      p.setString(3, i.env());
      p.setString(4, i.variant());
      p.setString(5, i.state().wireName());
      p.setString(6, Json.write(i));
      p.setLong(7, Times.nanos(at));
      p.executeUpdate();
    }
  }

  static void deleteInstance(Connection c, AlertKey key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM alert_instances WHERE alert = ? "
        + "AND probe = ? AND environment = ? AND variant = ?")) {
      p.setString(1, key.alert());
      p.setString(2, key.probe());
      p.setString(3, key.env());
      p.setString(4, key.variant());
      p.executeUpdate();
    }
  }

  static void insertPending(Connection c, PendingDelivery d, long seq, int urlIndex)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT OR REPLACE INTO pending_deliveries (id, seq, webhook, url_index, dedup_key, kind, body,
          created_at, attempts, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      p.setString(1, d.id());
      p.setLong(2, seq);
      p.setString(3, d.webhook());
      p.setInt(4, urlIndex);
      p.setString(5, d.dedupKey());
      p.setString(6, d.kind());
      p.setString(7, d.body());
      p.setLong(8, Times.nanos(d.createdAt()));
      p.setInt(9, d.attempts());
      p.setLong(10, Times.nanos(d.notBefore()));
      p.executeUpdate();
    }
  }

  /** A retry: the attempt count and the next time change (and the URL, if it was edited). */
  static void updatePending(Connection c, PendingDelivery d, int urlIndex) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE pending_deliveries SET url_index = ?, "
        + "attempts = ?, not_before = ? WHERE id = ?")) {
      p.setInt(1, urlIndex);
      p.setInt(2, d.attempts());
      p.setLong(3, Times.nanos(d.notBefore()));
      p.setString(4, d.id());
      p.executeUpdate();
    }
  }

  static void insertDead(Connection c, DeadLetter d, int urlIndex) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT OR IGNORE INTO dead_letters (id, webhook, url_index, alert, kind, why, attempts,
          created_at, dropped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      p.setString(1, d.id());
      p.setString(2, d.webhook());
      p.setInt(3, urlIndex);
      p.setString(4, d.alert());
      p.setString(5, d.kind());
      p.setString(6, d.why());
      p.setInt(7, d.attempts());
      p.setLong(8, Times.nanos(d.createdAt()));
      p.setLong(9, Times.nanos(d.droppedAt()));
      p.executeUpdate();
    }
  }

  static void delete(Connection c, String table, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
  }

  /** Everything alerting saved; an instance another version wrote differently is skipped. */
  static AlertState load(Connection c, WebhookTargets targets) throws SQLException {
    List<InstanceSnapshot> instances = new ArrayList<>();
    List<PendingDelivery> pending = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT document FROM alert_instances ORDER BY rowid")) {
        while (r.next()) {
          try {
            InstanceSnapshot i = Json.read(Json.parse(r.getString(1)), InstanceSnapshot.class);
            if (i.state() != null) {
              instances.add(i);
            }
          } catch (IOException | IllegalArgumentException e) {
            log.warn("skipping an alert instance the state file holds that does not parse: {}",
                e.getMessage());
          }
        }
      }
      try (ResultSet r = s.executeQuery("SELECT * FROM pending_deliveries ORDER BY seq")) {
        while (r.next()) {
          String webhook = r.getString("webhook");
          pending.add(new PendingDelivery(r.getString("id"), webhook,
              targets.url(webhook, r.getInt("url_index")), r.getString("dedup_key"),
              r.getString("kind"), r.getString("body"), Times.instant(r.getLong("created_at")),
              r.getInt("attempts"), Times.instant(r.getLong("not_before"))));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT * FROM dead_letters ORDER BY seq")) {
        while (r.next()) {
          String webhook = r.getString("webhook");
          dead.add(new DeadLetter(r.getString("id"), webhook,
              targets.url(webhook, r.getInt("url_index")), r.getString("alert"),
              r.getString("kind"), r.getString("why"), r.getInt("attempts"),
              Times.instant(r.getLong("created_at")), Times.instant(r.getLong("dropped_at"))));
        }
      }
    }
    return new AlertState(Instant.EPOCH, instances, pending, dead);
  }

  static long nextSeq(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM pending_deliveries")) {
      return r.next() ? r.getLong(1) : 1;
    }
  }
}
