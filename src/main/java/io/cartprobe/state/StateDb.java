package io.cartprobe.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code state_file}, an SQLite database in WAL mode. Opening never fails the agent:
 * a damaged or foreign file is moved aside and a fresh one made; a file that cannot be written is
 * read if it can be and the agent runs on without saving (see {@link StateHealth}).
 *
 * <p>Two connections: the writer's (one thread, see {@link StateWriter}) and a reader's, shared
 * by start-up loads and queries under this object's lock. WAL lets one read while the other writes.
 */
public final class StateDb implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StateDb.class);
  /** {@code PRAGMA application_id}: "cart", so `file state.db` and we can tell it is ours. */
  static final int APPLICATION_ID = 0x63617274;

  private final Path path;
  private final Optional<Connection> writer;
  private final Connection reader;
  private final Optional<Path> jsonToImport;
  private final StateHealth health;

  private StateDb(Path path, Optional<Connection> writer, Connection reader,
      Optional<Path> jsonToImport, StateHealth health) {
    this.path = path;
    this.writer = writer;
    this.reader = reader;
    this.jsonToImport = jsonToImport;
    this.health = health;
  }

  public static StateDb open(Path file, Clock clock, StateListener listener) {
    Path path = file.toAbsolutePath();
    StateHealth health = new StateHealth();
    Optional<Path> json = Optional.empty();
    try {
      Files.createDirectories(path.getParent());
      switch (FileKind.of(path)) {
        case NONE, SQLITE -> { }
        case JSON -> json = Optional.of(Aside.keepJson(path));
        case OTHER -> aside(path, StateProblem.FOREIGN, "is not an SQLite database (it starts with '"
            + FileKind.start(path) + "')", clock, listener);
      }
      return new StateDb(path, Optional.of(openChecked(path, clock, listener)), reader(path),
          json, health);
    } catch (IOException | SQLException e) {
      String why = e instanceof SQLException sql ? StateException.describe(sql) : String.valueOf(e.getMessage());
      String message = "state file " + path + " cannot be written (" + why
          + "): probing goes on, but run history and alert state are not saved";
      log.error(message);
      health.failing(new StateHealth.Trouble(StateProblem.READ_ONLY, message));
      listener.writeFailed(StateProblem.READ_ONLY);
      return new StateDb(path, Optional.empty(), readOnlyOrEmpty(path), Optional.empty(), health);
    }
  }

  public Path path() {
    return path;
  }

  public StateHealth health() {
    return health;
  }

  /** The JSON state file of cartprobe 0.1 found at this path and moved aside, to import once. */
  Optional<Path> jsonToImport() {
    return jsonToImport;
  }

  Optional<Connection> writeConnection() {
    return writer;
  }

  /** For reads only; callers hold this object's lock while they use it. */
  Connection readConnection() {
    return reader;
  }

  /** Bytes on disk: the database and its write-ahead log. */
  public long sizeBytes() {
    return size(path) + size(Aside.sibling(path, "-wal"));
  }

  @Override
  public synchronized void close() {
    try {
      reader.close();
    } catch (SQLException ignored) {
      // closing; nothing left to read
    }
    writer.ifPresent(c -> {
      try {
        c.close(); // the last connection checkpoints the WAL into the database
      } catch (SQLException e) {
        log.warn("state file {}: closing: {}", path, StateException.describe(e));
      }
    });
  }

  private static Connection openChecked(Path path, Clock clock, StateListener listener)
      throws SQLException, IOException {
    for (int attempt = 0; ; attempt++) {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
      try {
        Optional<String> wrong = check(c);
        if (wrong.isEmpty()) {
          configure(c);
          Migrations.apply(c, clock);
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
          }
          return c;
        }
        c.close();
        if (attempt > 0) {
          throw new IOException("a fresh database at " + path + " " + wrong.get());
        }
        boolean foreign = !wrong.get().contains("damaged");
        aside(path, foreign ? StateProblem.FOREIGN : StateProblem.CORRUPT, wrong.get(), clock,
            listener);
      } catch (SQLException e) {
        c.close();
        if (StateException.classify(e) != StateProblem.CORRUPT || attempt > 0) {
          throw e;
        }
        aside(path, StateProblem.CORRUPT, "is damaged (" + StateException.describe(e) + ")", clock,
            listener);
      }
    }
  }

  /** Empty when the file is a sound cartprobe database (or a new one), else what is wrong. */
  private static Optional<String> check(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int appId = single(s, "PRAGMA application_id");
      boolean empty = single(s, "SELECT count(*) FROM sqlite_master") == 0;
      boolean versioned = single(s,
          "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'") == 1;
      if (!empty && appId != APPLICATION_ID && !versioned) {
        return Optional.of("is another program's SQLite database (application_id " + appId + ")");
      }
      try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
        String result = r.next() ? r.getString(1) : "no answer";
        if (!"ok".equals(result)) {
          return Optional.of("is damaged (quick_check: " + result + ")");
        }
      }
      if (versioned) {
        int version = single(s, "SELECT coalesce(max(version), 0) FROM schema_version");
        if (version > Migrations.latest()) {
          return Optional.of("was written by a newer cartprobe (schema " + version
              + "; this one knows up to " + Migrations.latest() + ")");
        }
      }
      return Optional.empty();
    }
  }

  private static void configure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      // FULL: a commit is on disk before the writer acknowledges it (a few fsyncs a second at most).
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA busy_timeout = 5000");
      // After a checkpoint the WAL is cut back to this, so it does not keep its high-water mark.
      s.execute("PRAGMA journal_size_limit = 4194304");
    }
  }

  private static Connection reader(Path path) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + path);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA query_only = 1");
    }
    return c;
  }

  /** A read-only look at what an unwritable file holds, or an empty in-memory database. */
  private static Connection readOnlyOrEmpty(Path path) {
    try {
      if (FileKind.of(path) == FileKind.SQLITE) {
        // immutable: a read-only file system has no room for the WAL index SQLite would make.
        Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + path
            + "?mode=ro&immutable=1");
        try (Statement s = c.createStatement()) {
          if (single(s, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'") == 1) {
            return c;
          }
        } catch (SQLException e) {
          c.close();
        }
      }
    } catch (IOException | SQLException e) {
      log.warn("state file {} cannot be read either ({}): starting with empty state", path,
          e.getMessage());
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
      Migrations.apply(c, Clock.systemUTC());
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("SQLite does not work in memory either", e);
    }
  }

  private static void aside(Path path, StateProblem problem, String what, Clock clock,
      StateListener listener) throws IOException {
    Path moved = Aside.move(path, problem.wireName(), clock.instant());
    log.error("state file {} {}: moved it aside to {} and started with empty state", path, what,
        moved.getFileName());
    listener.movedAside(problem);
  }

  private static int single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
