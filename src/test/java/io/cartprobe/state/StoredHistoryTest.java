package io.cartprobe.state;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.HistoryJson;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a state database, memory holds an hour of runs and /api/history reads the rest from it. */
class StoredHistoryTest {

  static final HistoryKey CHECKOUT = new HistoryKey("checkout", "production");
  static final Duration EVERY = Duration.ofSeconds(30);

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0);

  static List<ProbeResult> runs(int count) {
    return IntStream.range(0, count).mapToObj(i -> i % 7 == 3
        ? paymentRejected("checkout", "production", T0.plus(EVERY.multipliedBy(i)))
        : ok("checkout", "production", T0.plus(EVERY.multipliedBy(i)))).toList();
  }

  @Test
  void memoryHoldsTheSummaryWindowAndTheApiAnswersAsIfItHeldTheDay() throws Exception {
    List<ProbeResult> results = runs(3_000);
    RunHistory inMemory = new RunHistory(clock);
    inMemory.configure(CHECKOUT, EVERY);
    try (AgentState state = AgentState.open(dir.resolve("state.db"), clock, StateListener.NONE,
        List::of)) {
      RunHistory stored = new RunHistory(clock, RunHistory.MAX_DEFAULT_CAPACITY, state.runs(),
          Duration.ZERO);
      stored.configure(CHECKOUT, EVERY);
      HistoryPersistence sink = state.historySink(stored);
      for (ProbeResult r : results) {
        inMemory.accept(r);
        stored.accept(r);
        sink.accept(r);
      }
      state.writer().flush().get(10, TimeUnit.SECONDS);
      clock.set(results.getLast().startedAt().plusSeconds(5));

      assertThat(stored.capacity(CHECKOUT)).isEqualTo(120); // an hour at 30 s
      assertThat(stored.records(CHECKOUT)).hasSize(120);
      assertThat(stored.window(CHECKOUT, T0).runs()).hasSize(2_880)
          .isEqualTo(results.subList(120, 3_000).stream().map(RunRecord::of).toList());
      var held = stored.summary(CHECKOUT);
      var all = inMemory.summary(CHECKOUT);
      assertThat(held.runsInWindow()).isEqualTo(all.runsInWindow()).isEqualTo(120);
      assertThat(held.successRatio()).isEqualTo(all.successRatio());
      assertThat(held.p95()).isEqualTo(all.p95());
      assertThat(held.recent()).isEqualTo(all.recent());
      assertThat(held.failingSince()).isEqualTo(all.failingSince());
      for (String query : List.of("", "since=2026-05-09T10:00:00Z", "since=3h", "since=1d",
          "since=1d&limit=500", "since=90m&limit=3")) {
        assertThat(HistoryJson.respond(stored, query).body()).as(query)
            .isEqualTo(HistoryJson.respond(inMemory, query).body());
      }
    }
  }
}
