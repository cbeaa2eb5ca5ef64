package io.cartprobe.state;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.HistoryJson;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.PairSummary;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a state database and a day's lookback, memory holds a day of runs but only the newest 60
 * with details; the rest are compact and the database gives their details back. Every view
 * must answer as it does with full rings.
 */
class CompactHistoryTest {

  static final HistoryKey CHECKOUT = new HistoryKey("checkout", "production");
  static final Duration EVERY = Duration.ofSeconds(30);
  static final int RUNS = 3_000;
  static final int DAY = 2_880;

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0);

  static List<ProbeResult> results() {
    // Varied durations so the p95 over the compact part means something; whole milliseconds.
    return IntStream.range(0, RUNS).mapToObj(i -> {
      Instant at = T0.plus(EVERY.multipliedBy(i));
      Duration took = Duration.ofMillis(100 + (i * 37L) % 900);
      return i % 7 == 3 || (i >= 2_950 && i < 2_990)
          ? paymentRejected("checkout", "production", at, took)
          : ok("checkout", "production", at, took);
    }).toList();
  }

  static RunRecord withoutDetails(RunRecord r) {
    return new RunRecord(r.startedAt(), r.verdict(), r.duration(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
        Optional.empty(), Optional.empty());
  }

  RunHistory full() {
    RunHistory inMemory = new RunHistory(clock);
    inMemory.configure(CHECKOUT, EVERY);
    results().forEach(inMemory::accept);
    return inMemory;
  }

  /** A history over the store, fed every run; the first {@code committed} reach the store. */
  RunHistory compact(AgentState state, int committed) throws Exception {
    RunHistory stored = new RunHistory(clock, RunHistory.MAX_DEFAULT_CAPACITY, state.runs(),
        Duration.ofDays(1));
    stored.configure(CHECKOUT, EVERY);
    HistoryPersistence sink = state.historySink(stored);
    List<ProbeResult> results = results();
    for (int i = 0; i < results.size(); i++) {
      stored.accept(results.get(i));
      if (i < committed) {
        sink.accept(results.get(i));
      }
    }
    state.writer().flush().get(10, TimeUnit.SECONDS);
    clock.set(results.getLast().startedAt().plusSeconds(5));
    return stored;
  }

  AgentState open() {
    return AgentState.open(dir.resolve("state.db"), clock, StateListener.NONE, List::of);
  }

  @Test
  void summariesWindowsAndTheApiAnswerAsWithFullRings() throws Exception {
    RunHistory inMemory = full();
    try (AgentState state = open()) {
      RunHistory stored = compact(state, RUNS);

      assertThat(stored.capacity(CHECKOUT)).isEqualTo(DAY);
      List<RunRecord> held = stored.records(CHECKOUT);
      List<RunRecord> all = inMemory.records(CHECKOUT);
      assertThat(held).hasSize(DAY);
      // The newest 60 keep their details in memory; older ones keep what the views count.
      assertThat(held.subList(DAY - 60, DAY)).isEqualTo(all.subList(DAY - 60, DAY));
      assertThat(held.subList(0, DAY - 60))
          .isEqualTo(all.subList(0, DAY - 60).stream().map(CompactHistoryTest::withoutDetails)
              .toList());

      PairSummary compact = stored.summary(CHECKOUT);
      PairSummary whole = inMemory.summary(CHECKOUT);
      assertThat(compact.runsInWindow()).isEqualTo(whole.runsInWindow()).isEqualTo(120);
      assertThat(compact.successRatio()).isEqualTo(whole.successRatio());
      assertThat(compact.p95()).isEqualTo(whole.p95());
      assertThat(compact.recent()).isEqualTo(whole.recent());
      assertThat(compact.failingSince()).isEqualTo(whole.failingSince());
      assertThat(compact.consecutiveFailures()).isEqualTo(whole.consecutiveFailures());
      assertThat(stored.state(CHECKOUT)).isEqualTo(inMemory.state(CHECKOUT));

      // Details of the compact runs come from the database.
      for (Instant from : List.of(T0, T0.plus(Duration.ofHours(20)),
          clock.instant().minus(Duration.ofMinutes(45)), clock.instant().minusSeconds(60))) {
        assertThat(stored.window(CHECKOUT, from)).as("since %s", from)
            .isEqualTo(inMemory.window(CHECKOUT, from));
      }
      for (String query : List.of("", "since=2026-05-09T10:00:00Z", "since=3h", "since=1d",
          "since=1d&limit=500", "since=90m&limit=3", "probe=checkout&since=45m")) {
        assertThat(HistoryJson.respond(stored, query).body()).as(query)
            .isEqualTo(HistoryJson.respond(inMemory, query).body());
      }
    }
  }

  @Test
  void runsNotYetCommittedAnswerWithoutDetailsUntilTheyAre() throws Exception {
    RunHistory inMemory = full();
    List<RunRecord> all = inMemory.window(CHECKOUT, T0).runs();
    // The writer is 1,000 runs behind (disk full, say): runs 2000..2939 are compact and
    // nowhere else with their details.
    int committed = 2_000;
    try (AgentState state = open()) {
      RunHistory stored = compact(state, committed);

      List<RunRecord> answered = stored.window(CHECKOUT, T0).runs();
      int firstUncommitted = committed - (RUNS - DAY);
      assertThat(answered).hasSize(DAY);
      assertThat(answered.subList(0, firstUncommitted)).isEqualTo(all.subList(0, firstUncommitted));
      assertThat(answered.subList(firstUncommitted, DAY - 60)).isEqualTo(
          all.subList(firstUncommitted, DAY - 60).stream()
              .map(CompactHistoryTest::withoutDetails).toList());
      assertThat(answered.subList(DAY - 60, DAY)).isEqualTo(all.subList(DAY - 60, DAY));

      // Once the writer catches up, the same window has every detail again.
      HistoryPersistence sink = state.historySink(stored);
      results().subList(committed, RUNS).forEach(sink::accept);
      state.writer().flush().get(10, TimeUnit.SECONDS);
      assertThat(stored.window(CHECKOUT, T0).runs()).isEqualTo(all);
    }
  }
}
