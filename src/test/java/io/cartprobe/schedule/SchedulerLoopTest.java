package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real scheduling thread, real clock and virtual threads, with short intervals; waits on conditions only. */
class SchedulerLoopTest {

  private static final Duration INTERVAL = Duration.ofMillis(100);

  private final RecordingListener listener = new RecordingListener();
  private final CountDownLatch never = new CountDownLatch(1);
  private Scheduler scheduler;

  private Scheduler start(PairTask task) {
    return start(task, Clock.systemUTC());
  }

  private Scheduler start(PairTask task, Clock clock) {
    Executor virtual = r -> Thread.ofVirtual().start(r);
    scheduler = new Scheduler(task, 4, listener, clock, virtual, new SplittableRandom(5));
    return scheduler;
  }

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.stop(Duration.ofMillis(100));
    }
  }

  @Test
  void aHungRunDoesNotDelayOtherPairs() {
    PairKey hung = new PairKey("hung", "production");
    PairKey steady = new PairKey("steady", "production");
    Scheduler s = start(pair -> {
      if (pair.equals(hung)) {
        never.await(); // hangs until stop() interrupts it
      }
      return RunOutcome.SUCCEEDED;
    });
    s.update(List.of(new ScheduledPair(hung, INTERVAL, INTERVAL), new ScheduledPair(steady, INTERVAL, INTERVAL)));
    s.start();
    assertThat(s.isScheduling()).isTrue();

    // The first runs pay for a cold JVM (the virtual thread scheduler starting, classes
    // loading); what matters is every run after the hung one took hold of its pair.
    await().atMost(60, TimeUnit.SECONDS)
        .until(() -> listener.startsOf(hung).size() == 1 && listener.startsOf(steady).size() >= 2);
    int startsBefore = listener.startsOf(steady).size();

    await().atMost(60, TimeUnit.SECONDS).until(() -> listener.startsOf(steady).size() >= startsBefore + 10);

    assertThat(listener.startsOf(hung)).hasSize(1);
    assertThat(listener.skipsOf(hung)).hasSizeGreaterThanOrEqualTo(5)
        .allMatch(skip -> skip.reason() == SkipReason.PREVIOUS_RUN_STILL_GOING);
    // The hung run holds only its own pair: nothing of steady's waited for a slot it took. (A
    // steady run may still overlap its own next tick on a very busy machine; that is steady's.)
    assertThat(listener.skipsOf(steady))
        .noneMatch(skip -> skip.reason() == SkipReason.CONCURRENCY_LIMIT);
    // Every steady tick became a run (none skipped, none lost behind the hung one). How late
    // each started is the machine's business, not this test's: bench/ measures scheduler lag.
    List<RecordingListener.Started> steadyStarts = listener.startsOf(steady);
    assertThat(steadyStarts.subList(startsBefore, steadyStarts.size()))
        .allSatisfy(start -> assertThat(start.lag().isNegative()).isFalse());

    assertThat(s.stop(Duration.ofMillis(100))).isFalse(); // the hung run had to be interrupted
  }

  /**
   * A run ends without waking the loop unless it moved its pair: one that starts failing must
   * still be looked at after {@code interval_when_failing}, not after the rest of its hour.
   */
  @Test
  void aPairThatStartsFailingIsRunAgainAtItsFailingIntervalNotAfterItsHour() {
    PairKey checkout = new PairKey("checkout", "production");
    Duration hour = Duration.ofHours(1);
    // A clock whose grid puts the pair's first run 300 ms from now.
    Instant now = Instant.now();
    long phase = Math.floorMod(Duration.between(Instant.EPOCH, now).toNanos(), hour.toNanos());
    long shift = Math.floorMod(Spread.offset(checkout, hour).toNanos() - 300_000_000L - phase, hour.toNanos());
    // Each run ends only once the loop sleeps again: a run that ended first would let the loop
    // see the moved plan without being woken.
    Scheduler s = start(pair -> {
      await().atMost(60, TimeUnit.SECONDS).until(SchedulerLoopTest::loopIsAsleep);
      return RunOutcome.FAILED;
    }, Clock.offset(Clock.systemUTC(), Duration.ofNanos(shift)));
    s.update(List.of(new ScheduledPair(checkout, hour, INTERVAL)));
    s.start();

    await().atMost(60, TimeUnit.SECONDS).until(() -> listener.startsOf(checkout).size() >= 3);
  }

  private static boolean loopIsAsleep() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("cartprobe-scheduler") && t.getState() == Thread.State.TIMED_WAITING);
  }

  @Test
  void pairsAddedToARunningSchedulerStartOnTheirOwn() {
    PairKey added = new PairKey("added", "staging");
    Scheduler s = start(pair -> RunOutcome.SUCCEEDED);
    s.start(); // nothing to schedule yet: the loop waits for an update

    s.update(List.of(new ScheduledPair(added, INTERVAL, INTERVAL)));

    await().atMost(60, TimeUnit.SECONDS).until(() -> listener.startsOf(added).size() >= 3);
    assertThat(s.stop(Duration.ofSeconds(30))).isTrue();
  }
}
