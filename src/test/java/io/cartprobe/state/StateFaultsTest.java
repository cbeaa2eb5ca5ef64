package io.cartprobe.state;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.testing.TestClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad state file never stops the agent: it is moved aside, or the agent runs without saving. */
class StateFaultsTest {

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0.plus(Duration.ofMinutes(10)));
  final List<String> events = new CopyOnWriteArrayList<>();
  final StateListener listener = new StateListener() {
    @Override
    public void movedAside(StateProblem why) {
      events.add("aside " + why.wireName());
    }

    @Override
    public void writeFailed(StateProblem why) {
      events.add("failed " + why.wireName());
    }
  };

  AgentState open(Path file) {
    return AgentState.open(file, clock, listener, List::of);
  }

  void writeRuns(AgentState state, int count) throws Exception {
    HistoryPersistence sink = state.historySink(new RunHistory(clock));
    for (int i = 0; i < count; i++) {
      sink.accept(ok("checkout", "production", T0.plusSeconds(i)));
    }
    state.writer().flush().get(10, TimeUnit.SECONDS);
  }

  long runs(AgentState state) throws Exception {
    return state.runs().countRuns("checkout", "production", "", T0, T0.plus(Duration.ofDays(1)))
        .total();
  }

  List<String> siblings(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
          .sorted().toList();
    }
  }

  /** A working database with history in it, closed (its WAL checkpointed into the file). */
  Path databaseWithRuns() throws Exception {
    Path file = dir.resolve("state.db");
    try (AgentState state = open(file)) {
      writeRuns(state, 3000);
    }
    return file;
  }

  void assertFreshAndWorking(Path file) throws Exception {
    try (AgentState state = open(file)) {
      assertThat(runs(state)).isZero();
      writeRuns(state, 2);
      assertThat(runs(state)).isEqualTo(2);
      assertThat(state.health().writable()).isTrue();
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAsForeign() throws Exception {
    Path file = dir.resolve("state.db");
    Files.writeString(file, "PK\u0003\u0004 this is a zip, not a state file");
    assertFreshAndWorking(file);
    assertThat(siblings("state.db.foreign-")).hasSize(1);
    assertThat(Files.readString(dir.resolve(siblings("state.db.foreign-").getFirst())))
        .startsWith("PK");
    assertThat(events).contains("aside foreign");
  }

  @Test
  void anotherProgramsDatabaseIsMovedAsideAsForeign() throws Exception {
    Path file = dir.resolve("state.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE monitors (id INTEGER PRIMARY KEY, name TEXT)");
    }
    assertFreshAndWorking(file);
    assertThat(siblings("state.db.foreign-")).hasSize(1);
    assertThat(events).containsExactly("aside foreign");
  }

  @Test
  void aDatabaseOfANewerCartprobeIsMovedAsideNotDowngraded() throws Exception {
    Path file = databaseWithRuns();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'from the future', 0)");
    }
    assertFreshAndWorking(file);
    assertThat(siblings("state.db.foreign-")).hasSize(1);
  }

  @Test
  void aDamagedDatabaseIsMovedAsideAsCorrupt() throws Exception {
    Path file = databaseWithRuns();
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 4];
      java.util.Arrays.fill(garbage, (byte) 0x5a);
      raw.seek(4096); // page 2 onwards: the tables' b-trees
      raw.write(garbage);
    }
    assertFreshAndWorking(file);
    assertThat(siblings("state.db.corrupt-")).hasSize(1);
    assertThat(events).contains("aside corrupt");
  }

  @Test
  void aTruncatedDatabaseIsMovedAsideAsCorrupt() throws Exception {
    Path file = databaseWithRuns();
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.setLength(raw.length() / 2);
    }
    assertFreshAndWorking(file);
    assertThat(siblings("state.db.corrupt-")).hasSize(1);
  }

  @Test
  void aJsonStateFileCutShortIsKeptAsideAndTheAgentStartsFresh() throws Exception {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\"alerts\": {\"version\": 1, \"instances\": [");
    assertFreshAndWorking(file);
    assertThat(Files.readString(dir.resolve("state.json.before-sqlite"))).startsWith("{\"alerts\"");
  }

  @Test
  void aFileThatCannotBeCreatedLeavesTheAgentRunningWithoutSaving() throws Exception {
    Files.writeString(dir.resolve("not-a-dir"), "x");
    Path file = dir.resolve("not-a-dir").resolve("state.db");
    try (AgentState state = open(file)) {
      assertThat(state.health().writable()).isFalse();
      assertThat(state.health().trouble().orElseThrow().message())
          .startsWith("state file " + file + " cannot be written (")
          .endsWith("probing goes on, but run history and alert state are not saved");
      assertThatFlushFails(state);
    }
    assertThat(events).contains("failed read-only");
  }

  @Test
  void aReadOnlyFileSystemIsReadButNotWritten() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("ro"));
    assumeMounted(mount, "size=1m");
    try {
      Path file = mount.resolve("state.db");
      try (AgentState state = open(file)) {
        writeRuns(state, 10);
      }
      exec("mount", "-o", "remount,ro", mount.toString());
      try (AgentState state = open(file)) {
        assertThat(runs(state)).isEqualTo(10);
        assertThat(state.health().trouble().orElseThrow().problem())
            .isEqualTo(StateProblem.READ_ONLY);
        assertThat(state.health().trouble().get().message()).contains(file.toString());
        assertThatFlushFails(state);
      }
    } finally {
      exec("umount", mount.toString());
    }
  }

  @Test
  void aFullDatabaseKeepsWritesUntilThereIsRoomAgain() throws Exception {
    try (AgentState state = open(dir.resolve("state.db"))) {
      writeRuns(state, 1);
      // SQLite's own limit stands in for a full disk: the same SQLITE_FULL, without a mount.
      // Set first in every batch, so a retry sees the room made in the meantime.
      java.util.concurrent.atomic.AtomicLong limit = new java.util.concurrent.atomic.AtomicLong();
      state.writer().submit(c -> {
        try (Statement s = c.createStatement()) {
          limit.compareAndSet(0, pageCount(c));
          s.execute("PRAGMA max_page_count = " + limit.get());
        }
      });
      HistoryPersistence sink = state.historySink(new RunHistory(clock));
      for (int i = 0; i < 2000; i++) {
        sink.accept(ok("checkout", "production", T0.plusSeconds(100 + i)));
      }
      assertThatFlushFails(state);
      assertThat(state.health().trouble().orElseThrow().problem()).isEqualTo(StateProblem.FULL);
      assertThat(state.health().trouble().get().message())
          .startsWith("state file " + dir.resolve("state.db") + ": the disk is full");
      limit.set(1_000_000);
      await().atMost(Duration.ofSeconds(30)).until(() -> state.health().writable());
      assertThat(runs(state)).isEqualTo(2001);
    }
    assertThat(events).contains("failed full");
  }

  @Test
  void aFullDiskKeepsWritesUntilThereIsRoomAgain() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("tiny"));
    assumeMounted(mount, "size=1m");
    try {
      Path filler = mount.resolve("filler");
      try (AgentState state = open(mount.resolve("state.db"))) {
        try (var out = Files.newOutputStream(filler)) {
          byte[] block = new byte[4096];
          while (true) {
            out.write(block);
            out.flush();
          }
        } catch (IOException full) {
          // the disk is full now
        }
        HistoryPersistence sink = state.historySink(new RunHistory(clock));
        for (int i = 0; i < 500; i++) {
          sink.accept(ok("checkout", "production", T0.plusSeconds(i)));
        }
        assertThatFlushFails(state);
        assertThat(state.health().trouble().orElseThrow().problem()).isEqualTo(StateProblem.FULL);
        Files.delete(filler);
        await().atMost(Duration.ofSeconds(40)).until(() -> state.health().writable());
        assertThat(runs(state)).isEqualTo(500);
      }
    } finally {
      exec("umount", mount.toString());
    }
  }

  private static void assertThatFlushFails(AgentState state) throws Exception {
    try {
      state.writer().flush().get(10, TimeUnit.SECONDS);
      throw new AssertionError("the flush should have failed");
    } catch (ExecutionException expected) {
      assertThat(expected.getCause()).isInstanceOf(java.sql.SQLException.class);
    }
  }

  private static long pageCount(Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
      return r.getLong(1);
    }
  }

  /** Needs root and mount rights (a container may lack them): skipped cleanly where not. */
  private static void assumeMounted(Path mount, String options) throws Exception {
    Assumptions.assumeTrue(exec("mount", "-t", "tmpfs", "-o", options, "tmpfs",
        mount.toString()) == 0, "cannot mount a tmpfs here");
  }

  private static int exec(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (code != 0) {
        System.err.println(String.join(" ", command) + ": " + out);
      }
      return code;
    } catch (IOException e) {
      return -1;
    }
  }
}
