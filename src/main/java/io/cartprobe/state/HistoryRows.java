package io.cartprobe.state;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.PairState;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** The SQL that writes history: one row per run, change and transition; one per pair's state. */
final class HistoryRows {

  /** Config changes and alert transitions are kept per probe and environment, not variant. */
  static final String NO_VARIANT = "";

  private HistoryRows() {}

  static Write run(HistoryKey key, RunRecord run) {
    return c -> {
      try (PreparedStatement p = c.prepareStatement("""
          INSERT INTO runs (probe, environment, variant, verdict, started_at, finished_at,
            duration_ns, failed_step, component, reason, message, classification, probable_cause,
            http_status, trace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        p.setString(1, key.probe());
        p.setString(2, key.environment());
        p.setString(3, key.variant());
        p.setString(4, run.verdict().wireName());
        p.setLong(5, Times.nanos(run.startedAt()));
        p.setLong(6, Times.nanos(run.startedAt().plus(run.duration())));
        p.setLong(7, Times.nanos(run.duration()));
        text(p, 8, run.failedStep());
        text(p, 9, run.component());
        text(p, 10, run.reason());
        text(p, 11, run.message());
        text(p, 12, run.classification());
        text(p, 13, run.probableCause());
        if (run.httpStatus().isPresent()) {
          p.setInt(14, run.httpStatus().get());
        } else {
          p.setNull(14, Types.INTEGER);
        }
        p.setString(15, run.traceId());
        p.executeUpdate();
      }
    };
  }

  /** The pair's streak and latest whole result, as the history held it when the write was made. */
  static Write pairState(HistoryKey key, PairState state, Instant now) {
    return c -> {
      // Serialised here, on the writer thread, and only for the newest state of a batch.
      Optional<String> latest = state.latest().map(Json::write);
      try (PreparedStatement p = c.prepareStatement("""
          INSERT INTO pair_state (probe, environment, variant, failing_since,
            consecutive_failures, latest_result, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (probe, environment, variant) DO UPDATE SET
            failing_since = excluded.failing_since,
            consecutive_failures = excluded.consecutive_failures,
            latest_result = coalesce(excluded.latest_result, latest_result),
            updated_at = excluded.updated_at""")) {
        p.setString(1, key.probe());
        p.setString(2, key.environment());
        p.setString(3, key.variant());
        if (state.failingSince().isPresent()) {
          p.setLong(4, Times.nanos(state.failingSince().get()));
        } else {
          p.setNull(4, Types.INTEGER);
        }
        p.setInt(5, state.consecutiveFailures());
        text(p, 6, latest);
        p.setLong(7, Times.nanos(now));
        p.executeUpdate();
      }
    };
  }

  static Write change(ConfigChange change) {
    String changes = Json.write(change.changes());
    return c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO config_changes (probe, "
          + "environment, variant, at, changes) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, change.probe());
        p.setString(2, change.environment());
        p.setString(3, NO_VARIANT);
        p.setLong(4, Times.nanos(change.at()));
        p.setString(5, changes);
        p.executeUpdate();
      }
    };
  }

  static Write transition(AlertTransition t) {
    return c -> insertTransition(c, t);
  }

  static void insertTransition(Connection c, AlertTransition t) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_transitions (alert, probe, "
        + "environment, variant, state, at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, t.alert());
      p.setString(2, t.probe());
      p.setString(3, t.environment());
      p.setString(4, NO_VARIANT);
      p.setString(5, t.state().wireName());
      p.setLong(6, Times.nanos(t.at()));
      p.executeUpdate();
    }
  }

  private static void text(PreparedStatement p, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      p.setString(index, value.get());
    } else {
      p.setNull(index, Types.VARCHAR);
    }
  }
}
