package io.cartprobe.state;

import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.history.RunHistory;
import io.cartprobe.testing.Results;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link StateKillIT}: writes runs and alert state through the agent's own
 * state classes as fast as it can and prints {@code acked N} once run N (and all before it) is
 * committed, until it is killed.
 */
public final class CrashWriter {

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    long next = firstIndex(file);
    AgentState state = AgentState.open(file, Clock.systemUTC(), StateListener.NONE, List::of);
    HistoryPersistence sink = state.historySink(new RunHistory(Clock.systemUTC()));
    out.println("started " + next);
    List<PendingDelivery> queued = new ArrayList<>();
    for (long i = next; ; i++) {
      sink.accept(Results.ok("checkout", "production", Results.T0.plusSeconds(i)));
      queued.add(new PendingDelivery("msg_" + i, "oncall", "", "a{checkout@production}", "firing",
          "{\"n\":" + i + "}", Results.T0, 0, Results.T0));
      if (queued.size() > 5) {
        queued.removeFirst();
      }
      state.alertSink().save(new AlertState(Results.T0, List.of(), queued, List.of()));
      if (i % 7 == 0) {
        long acked = i;
        state.writer().flush().thenRun(() -> out.println("acked " + acked));
      }
      if (i % 50 == 0) {
        Thread.sleep(5); // let batches of different sizes form
      }
    }
  }

  static long firstIndex(Path file) throws Exception {
    if (!file.toFile().exists()) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'runs'")) {
      if (r.getInt(1) == 0) {
        return 0;
      }
      try (ResultSet n = s.executeQuery("SELECT max(started_at) FROM runs")) {
        long max = n.getLong(1);
        return n.wasNull() ? 0 : Times.instant(max).getEpochSecond() - Results.T0.getEpochSecond() + 1;
      }
    }
  }
}
