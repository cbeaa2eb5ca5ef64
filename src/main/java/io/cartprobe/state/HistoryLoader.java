package io.cartprobe.state;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunRecord;
import io.cartprobe.history.SavedPair;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import io.cartprobe.result.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads history back at start: for each configured pair its state row, its newest runs up to
 * the ring's capacity and its newest changes and transitions. Each read is an index range of
 * known size, so start-up costs what the rings hold, however much the database keeps.
 */
final class HistoryLoader {

  /** As many events as a pair's history keeps in memory. */
  static final int EVENTS_PER_PAIR = 100;

  private HistoryLoader() {}

  /**
   * @param from runs older than this are left out once {@code atLeast} are read
   * @param capacity at most this many runs (the ring's size)
   */
  static SavedPair load(Connection c, HistoryKey key, int capacity, Instant from, int atLeast)
      throws SQLException {
    Optional<Instant> failingSince = Optional.empty();
    int failures = 0;
    Optional<ProbeResult> latest = Optional.empty();
    try (PreparedStatement p = pairQuery(c, "SELECT failing_since, consecutive_failures, "
        + "latest_result FROM pair_state WHERE probe = ? AND environment = ? AND variant = ?", key);
        ResultSet r = p.executeQuery()) {
      if (r.next()) {
        failingSince = Times.optional(r, "failing_since");
        failures = r.getInt("consecutive_failures");
        latest = latest(r.getString("latest_result"));
      }
    }
    return new SavedPair(key, capacity, failingSince, failures,
        runs(c, key, capacity, Times.nanos(from), atLeast),
        changes(c, key), transitions(c, key), latest);
  }

  private static List<RunRecord> runs(Connection c, HistoryKey key, int limit, long from,
      int atLeast) throws SQLException {
    List<RunRecord> newestFirst = new ArrayList<>();
    try (PreparedStatement p = pairQuery(c, "SELECT * FROM runs WHERE probe = ? AND environment = ? "
        + "AND variant = ? ORDER BY started_at DESC LIMIT " + limit, key);
        ResultSet r = p.executeQuery()) {
      while (r.next() && (newestFirst.size() < atLeast || r.getLong("started_at") >= from)) {
        newestFirst.add(run(r));
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** The run on the result set's current row of {@code runs}. */
  static RunRecord run(ResultSet r) throws SQLException {
    return new RunRecord(
        Times.instant(r.getLong("started_at")),
        Verdict.valueOf(r.getString("verdict").toUpperCase(Locale.ROOT)),
        Duration.ofNanos(r.getLong("duration_ns")),
        text(r, "failed_step"), text(r, "component"), text(r, "reason"), text(r, "message"),
        text(r, "classification"), r.getString("trace_id"), text(r, "probable_cause"),
        integer(r, "http_status"));
  }

  private static List<ConfigChange> changes(Connection c, HistoryKey key) throws SQLException {
    List<ConfigChange> out = new ArrayList<>();
    try (PreparedStatement p = pairQuery(c, "SELECT at, changes FROM config_changes WHERE probe = ? "
        + "AND environment = ? AND variant = ? ORDER BY at DESC LIMIT " + EVENTS_PER_PAIR, key);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        List<FieldChange> fields = new ArrayList<>();
        for (var node : Json.parse(r.getString("changes"))) {
          fields.add(Json.read(node, FieldChange.class));
        }
        out.add(new ConfigChange(key.probe(), key.environment(), Times.instant(r.getLong("at")),
            fields));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new SQLException("config_changes of " + key + " hold unreadable JSON: "
          + e.getMessage(), e);
    }
    Collections.reverse(out);
    return out;
  }

  private static List<AlertTransition> transitions(Connection c, HistoryKey key)
      throws SQLException {
    List<AlertTransition> out = new ArrayList<>();
    try (PreparedStatement p = pairQuery(c, "SELECT alert, state, at FROM alert_transitions WHERE "
        + "probe = ? AND environment = ? AND variant = ? ORDER BY at DESC LIMIT " + EVENTS_PER_PAIR,
        new HistoryKey(key.probe(), key.environment())); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new AlertTransition(r.getString("alert"), key.probe(), key.environment(),
            AlertTransition.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT)),
            Times.instant(r.getLong("at"))));
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** A latest result another version wrote differently is left out, not fatal. */
  private static Optional<ProbeResult> latest(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Json.parse(json), ProbeResult.class));
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static PreparedStatement pairQuery(Connection c, String sql, HistoryKey key)
      throws SQLException {
    PreparedStatement p = c.prepareStatement(sql);
    p.setString(1, key.probe());
    p.setString(2, key.environment());
    p.setString(3, key.variant());
    return p;
  }

  private static Optional<String> text(ResultSet r, String column) throws SQLException {
    return Optional.ofNullable(r.getString(column));
  }

  private static Optional<Integer> integer(ResultSet r, String column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
