package io.cartprobe.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much the database keeps: runs, changes and transitions by age and by count per pair,
 * evidence episodes by count (dead letters are bounded by alerting itself, at 100). Applied at
 * start and then every {@link #EVERY}, as one write of the writer thread.
 *
 * @param maxRunsPerPair runs kept per probe × environment × variant, newest first
 */
public record Retention(Duration maxAge, int maxRunsPerPair, int maxEventsPerPair,
    int maxEpisodes) {

  public static final Duration EVERY = Duration.ofMinutes(10);

  /** A week of runs at a 1-minute interval (3.5 days at 30 s): about 1.2 MB per pair. */
  public static Retention defaults() {
    return new Retention(Duration.ofDays(14), 10_080, 1_000, 1_000);
  }

  public Write write(Clock clock) {
    return c -> {
      long cutoff = Times.nanos(clock.instant().minus(maxAge));
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM runs WHERE started_at < " + cutoff);
        s.executeUpdate("DELETE FROM config_changes WHERE at < " + cutoff);
        s.executeUpdate("DELETE FROM alert_transitions WHERE at < " + cutoff);
        keepNewestPerPair(c, "runs", "started_at", maxRunsPerPair);
        for (String table : List.of("config_changes", "alert_transitions")) {
          keepNewestPerPair(c, table, "at", maxEventsPerPair);
        }
        s.executeUpdate("DELETE FROM evidence_episodes WHERE id IN (SELECT id FROM "
            + "evidence_episodes ORDER BY opened_at DESC LIMIT -1 OFFSET " + maxEpisodes + ")");
      }
    };
  }

  private static void keepNewestPerPair(java.sql.Connection c, String table, String time, int keep)
      throws SQLException {
    List<String[]> pairs = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT probe, environment, variant FROM " + table
            + " GROUP BY probe, environment, variant HAVING count(*) > " + keep)) {
      while (r.next()) {
        pairs.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
      }
    }
    for (String[] pair : pairs) {
      keepNewest(c, table, time, pair, keep);
    }
  }

  private static void keepNewest(java.sql.Connection c, String table, String time, String[] pair,
      int keep) throws SQLException {
    String where = " WHERE probe = ? AND environment = ? AND variant = ?";
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + where + " AND id <= "
        + "(SELECT id FROM " + table + where + " ORDER BY " + time + " DESC, id DESC LIMIT 1 OFFSET ?)")) {
      for (int i = 0; i < 2; i++) {
        p.setString(1 + 3 * i, pair[0]);
        p.setString(2 + 3 * i, pair[1]);
        p.setString(3 + 3 * i, pair[2]);
      }
      p.setInt(7, keep);
      p.executeUpdate();
    }
  }
}
