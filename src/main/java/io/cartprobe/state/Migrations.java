package io.cartprobe.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema, versioned: {@code migrations/index.txt} lists {@code V<n>__<what>.sql} in order;
 * each file not yet in {@code schema_version} runs in its own transaction with its row. A jar
 * cannot list its own resources, hence the index.
 */
final class Migrations {

  private static final String DIR = "migrations/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  record Migration(int version, String description, String sql) {}

  private Migrations() {}

  static List<Migration> all() {
    return read(DIR + "index.txt").lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(Migrations::migration).toList();
  }

  /** The newest schema this build knows. */
  static int latest() {
    List<Migration> all = all();
    return all.getLast().version();
  }

  /** @return the schema version the database was at before */
  static int apply(Connection c, Clock clock) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
          + "description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    }
    int current = current(c);
    for (Migration m : all()) {
      if (m.version() <= current) {
        continue;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String statement : statements(m.sql())) {
          s.execute(statement);
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          p.setInt(1, m.version());
          p.setString(2, m.description());
          p.setLong(3, Times.nanos(clock.instant()));
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return current;
  }

  static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static Migration migration(String file) {
    Matcher m = NAME.matcher(file);
    if (!m.matches()) {
      throw new IllegalStateException("migration file name " + file + " is not V<n>__<what>.sql");
    }
    return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '),
        read(DIR + file));
  }

  /** Splits on ';' at line ends; the migration files hold no triggers or string semicolons. */
  private static List<String> statements(String sql) {
    String noComments = sql.lines().map(l -> l.replaceFirst("--.*$", ""))
        .reduce("", (a, b) -> a + b + "\n");
    return List.of(noComments.split(";\\s*\n")).stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
