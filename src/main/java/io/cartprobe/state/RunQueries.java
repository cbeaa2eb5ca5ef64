package io.cartprobe.state;

import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunRecord;
import io.cartprobe.history.StoredRuns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions answered from the stored run history rather than the in-memory rings, e.g. SLO
 * ratios over days. Sees committed runs: at most {@link StateWriter#COMMIT_EVERY} behind.
 */
public final class RunQueries implements StoredRuns {

  private static final Logger log = LoggerFactory.getLogger(RunQueries.class);

  private final StateDb db;

  public RunQueries(StateDb db) {
    this.db = db;
  }

  /** What {@code /api/history} reads beyond the runs held in memory. */
  @Override
  public List<RunRecord> newest(HistoryKey key, Instant from, Instant before, int limit) {
    List<RunRecord> newestFirst = new ArrayList<>();
    synchronized (db) {
      try (PreparedStatement p = HistoryLoader.pairQuery(db.readConnection(), "SELECT * FROM runs"
          + " WHERE probe = ? AND environment = ? AND variant = ? AND started_at >= ?"
          + " AND started_at < ? ORDER BY started_at DESC LIMIT ?", key)) {
        p.setLong(4, Times.nanos(from));
        p.setLong(5, Times.nanos(before));
        p.setInt(6, limit);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            newestFirst.add(HistoryLoader.run(r));
          }
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("state file {}: older runs of {} do not read ({}); /api/history answers with"
            + " the runs in memory", db.path(), key, e.getMessage());
        return List.of();
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** Runs that started in {@code [from, to)}; variant {@code ""} is the probe itself. */
  public RunCounts countRuns(String probe, String environment, String variant, Instant from,
      Instant to) throws SQLException {
    synchronized (db) {
      try (PreparedStatement p = db.readConnection().prepareStatement("""
          SELECT count(*), coalesce(sum(verdict = 'failure'), 0), coalesce(sum(verdict = 'degraded'), 0)
          FROM runs WHERE probe = ? AND environment = ? AND variant = ?
            AND started_at >= ? AND started_at < ?""")) {
        p.setString(1, probe);
        p.setString(2, environment);
        p.setString(3, variant);
        p.setLong(4, Times.nanos(from));
        p.setLong(5, Times.nanos(to));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return new RunCounts(r.getLong(1), r.getLong(2), r.getLong(3));
        }
      }
    }
  }

  /** Runs of every variant of the probe that started in {@code [from, to)}. */
  public RunCounts countRuns(String probe, String environment, Instant from, Instant to)
      throws SQLException {
    synchronized (db) {
      try (PreparedStatement p = db.readConnection().prepareStatement("""
          SELECT count(*), coalesce(sum(verdict = 'failure'), 0), coalesce(sum(verdict = 'degraded'), 0)
          FROM runs WHERE probe = ? AND environment = ? AND started_at >= ? AND started_at < ?""")) {
        p.setString(1, probe);
        p.setString(2, environment);
        p.setLong(3, Times.nanos(from));
        p.setLong(4, Times.nanos(to));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return new RunCounts(r.getLong(1), r.getLong(2), r.getLong(3));
        }
      }
    }
  }

  /** When the oldest stored run of any variant of the probe started. */
  public Optional<Instant> oldestRun(String probe, String environment) throws SQLException {
    synchronized (db) {
      try (PreparedStatement p = db.readConnection().prepareStatement(
          "SELECT min(started_at) FROM runs WHERE probe = ? AND environment = ?")) {
        p.setString(1, probe);
        p.setString(2, environment);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          long nanos = r.getLong(1);
          return r.wasNull() ? Optional.empty() : Optional.of(Times.instant(nanos));
        }
      }
    }
  }
}
