package io.cartprobe.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.testing.Results;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments while a child JVM writes state: afterwards the database is
 * intact ({@code PRAGMA integrity_check}), every run the writer acknowledged is there, and the
 * agent's start-up opens it without moving it aside.
 */
class StateKillIT {

  static final int ROUNDS = 50;

  @TempDir Path dir;

  @Test
  void killedMidWriteFiftyTimesNothingAcknowledgedIsLost() throws Exception {
    Path file = dir.resolve("state.db");
    SplittableRandom random = new SplittableRandom(13);
    long acknowledged = -1;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
          System.getProperty("java.class.path"), CrashWriter.class.getName(), file.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      AtomicLong acked = new AtomicLong(-1);
      CountDownLatch started = new CountDownLatch(1);
      Thread reader = Thread.ofVirtual().start(() -> {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("started")) {
              started.countDown();
            } else if (line.startsWith("acked ")) {
              acked.accumulateAndGet(Long.parseLong(line.substring(6)), Math::max);
            }
          }
        } catch (java.io.IOException ignored) {
          // the child is gone
        }
      });
      assertThat(started.await(60, TimeUnit.SECONDS)).as("round %d started", round).isTrue();
      Thread.sleep(random.nextInt(30, 700));
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      acknowledged = Math.max(acknowledged, acked.get());

      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
          assertThat(r.getString(1)).as("round %d", round).isEqualTo("ok");
        }
        long upTo = Times.nanos(Results.T0.plusSeconds(Math.max(acknowledged, 0)));
        try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT started_at) FROM runs "
            + "WHERE started_at <= " + upTo)) {
          long expected = acknowledged + 1;
          assertThat(r.getLong(1)).as("round %d: runs up to acknowledged %d", round, acknowledged)
              .isEqualTo(expected);
          assertThat(r.getLong(2)).isEqualTo(expected);
        }
      }
    }
    assertThat(acknowledged).as("the child acknowledged writes").isPositive();
    try (AgentState state = AgentState.open(file, Clock.systemUTC(), StateListener.NONE,
        List::of)) {
      assertThat(state.health().writable()).isTrue();
      assertThat(state.alerts().pending()).isNotEmpty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains("corrupt") || n.contains("foreign"));
    }
  }
}
