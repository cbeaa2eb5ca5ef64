package io.cartprobe.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.testing.Results;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRecordingTest {

  static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");

  @Test
  void manyThreadsRecordingLoseNothingBelowCapacityWhileReadersRead() throws Exception {
    RunHistory history = new RunHistory(new TestClock(T0.plusSeconds(100_000)), 10_000);
    int writers = 32;
    int perWriter = 250;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            Instant at = T0.plusMillis(writer * 1_000_000L + i);
            // Two pairs, so both per-pair locks and the map are contended.
            String env = i % 2 == 0 ? "staging" : "production";
            history.record(i % 5 == 0
                ? Results.paymentRejectedAfterSigningChange("checkout", env, at, Duration.ofMillis(i))
                : Results.ok("checkout", env, at, Duration.ofMillis(i)));
            history.recordAlert("a" + writer, "checkout", env, AlertTransition.State.FIRING, at);
          }
          return null;
        }));
      }
      for (int r = 0; r < 4; r++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 30; i++) {
            history.summaries();
            history.snapshot();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    }

    List<RunRecord> all = new ArrayList<>(history.records("checkout", "staging"));
    all.addAll(history.records("checkout", "production"));
    assertThat(all).hasSize(writers * perWriter);
    Set<Instant> distinct = new HashSet<>();
    all.forEach(r -> distinct.add(r.startedAt()));
    assertThat(distinct).hasSize(writers * perWriter);
    assertThat(history.alertTransitions("checkout", "staging"))
        .hasSize(PairHistory.EVENT_CAPACITY);
  }
}
