package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cartprobe.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The scheduler driven by hand: a clock the test moves, runs held by a {@link ManualExecutor}
 * until released, and {@link Scheduler#runDue()} called where the loop would wake. Nothing here
 * sleeps; the stop() tests use real virtual threads because interrupting needs a real thread.
 */
class SchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration S30 = Duration.ofSeconds(30);
  private static final Duration S10 = Duration.ofSeconds(10);
  private static final RandomGenerator NO_JITTER = () -> 0L;

  private final TestClock clock = new TestClock(T0);
  private final ManualExecutor executor = new ManualExecutor();
  private final RecordingListener listener = new RecordingListener();

  private static ScheduledPair pair(String probe, Duration interval, Duration whenFailing) {
    return new ScheduledPair(new PairKey(probe, "production"), interval, whenFailing);
  }

  private Scheduler scheduler(PairTask task, int maxConcurrency) {
    return new Scheduler(task, maxConcurrency, listener, clock, executor, NO_JITTER);
  }

  private Instant dueOf(Scheduler s, ScheduledPair p) {
    return s.status(p.key()).orElseThrow().nextDue();
  }

  @Test
  void aDueRunStartsAndItsLagIsReported() {
    ScheduledPair checkout = pair("checkout", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 4);
    s.update(List.of(checkout));
    Instant due = dueOf(s, checkout);
    assertThat(due).isEqualTo(T0.plus(Spread.offset(checkout.key(), S30)));

    clock.set(due.minusNanos(1));
    s.runDue();
    assertThat(executor.pending()).isZero();

    clock.set(due);
    s.runDue();
    assertThat(executor.pending()).isEqualTo(1);
    assertThat(s.status(checkout.key()).orElseThrow().running()).isTrue();
    clock.advance(Duration.ofMillis(15)); // the run gets its thread 15ms late
    executor.runNext();

    assertThat(listener.started).containsExactly(new RecordingListener.Started(checkout.key(), Duration.ofMillis(15)));
    assertThat(listener.finished).containsExactly(new RecordingListener.Finished(checkout.key(), RunOutcome.SUCCEEDED));
    assertThat(s.status(checkout.key()).orElseThrow())
        .isEqualTo(new PairStatus(checkout, due.plus(S30), false, false));
  }

  @Test
  void aTickWhileThePreviousRunIsStillGoingIsSkipped() {
    ScheduledPair checkout = pair("checkout", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 4);
    s.update(List.of(checkout));
    Instant first = dueOf(s, checkout);
    clock.set(first);
    s.runDue(); // in flight until released

    clock.set(first.plus(S30));
    s.runDue();

    assertThat(listener.skipped).containsExactly(
        new RecordingListener.Skipped(checkout.key(), SkipReason.PREVIOUS_RUN_STILL_GOING));
    assertThat(executor.pending()).isEqualTo(1);
    assertThat(dueOf(s, checkout)).isEqualTo(first.plus(S30).plus(S30)); // the schedule went on

    executor.runNext();
    clock.set(first.plus(S30).plus(S30));
    s.runDue();
    assertThat(executor.pending()).isEqualTo(1);
    assertThat(listener.skipped).hasSize(1);
  }

  @Test
  void aTickWithEverySlotBusyIsSkippedForTheConcurrencyLimit() {
    ScheduledPair a = pair("a", S30, S30);
    ScheduledPair b = pair("b", S30, S30);
    ScheduledPair c = pair("c", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 2);
    s.update(List.of(a, b, c));
    ScheduledPair last = List.of(a, b, c).stream()
        .max((x, y) -> dueOf(s, x).compareTo(dueOf(s, y))).orElseThrow();

    clock.set(T0.plus(S30)); // all three are due
    s.runDue();

    assertThat(executor.pending()).isEqualTo(2);
    // The earliest planned get the slots; the last one due is the one skipped.
    assertThat(listener.skipped).containsExactly(new RecordingListener.Skipped(last.key(), SkipReason.CONCURRENCY_LIMIT));
    executor.runAll();
    assertThat(listener.started).hasSize(2).noneMatch(st -> st.pair().equals(last.key()));
  }

  @Test
  void aPairAlreadyRunningIsSkippedAsStillGoingEvenWhenSlotsAreFull() {
    ScheduledPair a = pair("a", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 1);
    s.update(List.of(a));
    clock.set(dueOf(s, a));
    s.runDue();

    clock.advance(S30);
    s.runDue();

    assertThat(listener.skipped).extracting(RecordingListener.Skipped::reason)
        .containsExactly(SkipReason.PREVIOUS_RUN_STILL_GOING);
  }

  @Test
  void aFailingPairIsCheckedAtIntervalWhenFailingUntilItRecovers() {
    ScheduledPair checkout = pair("checkout", S30, S10);
    Deque<RunOutcome> outcomes = new ArrayDeque<>(List.of(RunOutcome.FAILED, RunOutcome.FAILED, RunOutcome.SUCCEEDED));
    Scheduler s = scheduler(p -> outcomes.poll(), 4);
    s.update(List.of(checkout));
    Instant first = dueOf(s, checkout);

    clock.set(first);
    s.runDue();
    clock.advance(Duration.ofSeconds(2));
    executor.runNext(); // fails
    assertThat(s.status(checkout.key()).orElseThrow().failing()).isTrue();
    assertThat(dueOf(s, checkout)).isEqualTo(first.plus(S10));

    clock.set(first.plus(S10));
    s.runDue();
    executor.runNext(); // fails again
    assertThat(dueOf(s, checkout)).isEqualTo(first.plus(S10).plus(S10));

    clock.set(first.plus(S10).plus(S10));
    s.runDue();
    executor.runNext(); // recovers
    assertThat(s.status(checkout.key()).orElseThrow().failing()).isFalse();
    assertThat(dueOf(s, checkout)).isEqualTo(first.plus(S10).plus(S10).plus(S30));
  }

  @Test
  void aTaskThatThrowsCountsAsAFailedRun() {
    ScheduledPair checkout = pair("checkout", S30, S10);
    Scheduler s = scheduler(p -> { throw new IOException("bug in the probe"); }, 4);
    s.update(List.of(checkout));
    clock.set(dueOf(s, checkout));
    s.runDue();

    executor.runNext();

    assertThat(listener.crashes).singleElement().isInstanceOf(IOException.class);
    assertThat(listener.finished).extracting(RecordingListener.Finished::outcome).containsExactly(RunOutcome.FAILED);
    assertThat(s.status(checkout.key()).orElseThrow()).extracting(PairStatus::failing, PairStatus::running)
        .containsExactly(true, false);
  }

  @Test
  void aListenerThatThrowsDoesNotBreakScheduling() {
    ScheduledPair checkout = pair("checkout", S30, S30);
    ScheduleListener broken = new ScheduleListener() {
      @Override
      public void runStarted(PairKey pair, Duration lag) {
        throw new IllegalStateException("metrics broke");
      }
    };
    Scheduler s = new Scheduler(p -> RunOutcome.SUCCEEDED, 1, broken, clock, executor, NO_JITTER);
    s.update(List.of(checkout));
    clock.set(dueOf(s, checkout));
    s.runDue();
    executor.runNext();

    clock.advance(S30);
    s.runDue();
    assertThat(executor.pending()).isEqualTo(1); // the slot was given back
  }

  @Test
  void triggerRunsAPairNowWithoutMovingItsSchedule() {
    ScheduledPair config = pair("gateway-config", S30, S10);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 4);
    s.update(List.of(config));
    Instant due = dueOf(s, config);
    clock.advance(Duration.ofMillis(5));

    TriggerResult result = s.trigger(config.key());

    assertThat(result).isInstanceOf(TriggerResult.Started.class);
    CompletableFuture<RunOutcome> outcome = ((TriggerResult.Started) result).outcome();
    assertThat(outcome).isNotDone();
    executor.runNext();
    assertThat(outcome).isCompletedWithValue(RunOutcome.SUCCEEDED);
    assertThat(listener.started).containsExactly(new RecordingListener.Started(config.key(), Duration.ZERO));
    assertThat(dueOf(s, config)).isEqualTo(due);
  }

  @Test
  void triggerRespectsNoOverlapAndTheConcurrencyLimit() {
    ScheduledPair a = pair("a", S30, S30);
    ScheduledPair b = pair("b", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 1);
    s.update(List.of(a, b));

    assertThat(s.trigger(a.key())).isInstanceOf(TriggerResult.Started.class);
    assertThat(s.trigger(a.key())).isEqualTo(new TriggerResult.Skipped(SkipReason.PREVIOUS_RUN_STILL_GOING));
    assertThat(s.trigger(b.key())).isEqualTo(new TriggerResult.Skipped(SkipReason.CONCURRENCY_LIMIT));
    assertThat(listener.skipped).hasSize(2);

    // A scheduled tick of the triggered pair is skipped too while the triggered run goes on.
    clock.set(dueOf(s, a));
    s.runDue();
    assertThat(listener.skipsOf(a.key())).extracting(RecordingListener.Skipped::reason)
        .containsExactly(SkipReason.PREVIOUS_RUN_STILL_GOING, SkipReason.PREVIOUS_RUN_STILL_GOING);
  }

  @Test
  void triggerRefusesAnUnknownPair() {
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 1);
    s.update(List.of(pair("a", S30, S30)));

    assertThat(s.trigger(new PairKey("nope", "production"))).isInstanceOf(TriggerResult.Refused.class);
    assertThat(executor.pending()).isZero();
  }

  @Test
  void updateKeepsUnchangedPairsTimingDropsRemovedOnesAndSpreadsNewOnes() {
    ScheduledPair kept = pair("checkout", S30, S10);
    ScheduledPair removed = pair("old", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.FAILED, 4);
    s.update(List.of(kept, removed));
    clock.set(T0.plus(S30));
    s.runDue();
    executor.runAll(); // both fail
    Instant keptDue = dueOf(s, kept);

    clock.advance(Duration.ofMillis(700));
    ScheduledPair added = pair("new", S30, S30);
    s.update(List.of(kept, added));

    assertThat(s.status(kept.key()).orElseThrow()).isEqualTo(new PairStatus(kept, keptDue, true, false));
    assertThat(s.status(removed.key())).isEmpty();
    assertThat(dueOf(s, added)).isEqualTo(Spread.firstDue(added.key(), S30, clock.instant()));
    assertThat(s.statuses()).extracting(PairStatus::pair).containsExactly(kept, added);

    clock.advance(Duration.ofMinutes(5));
    s.runDue();
    executor.runAll();
    assertThat(listener.startsOf(removed.key())).hasSize(1); // only the run from before the reload
  }

  @Test
  void aRunInFlightOfARemovedPairFinishesQuietly() {
    ScheduledPair gone = pair("gone", S30, S30);
    Scheduler s = scheduler(p -> RunOutcome.FAILED, 4);
    s.update(List.of(gone));
    clock.set(dueOf(s, gone));
    s.runDue();

    s.update(List.of());
    executor.runNext();

    assertThat(listener.finished).hasSize(1);
    assertThat(s.statuses()).isEmpty();
    assertThat(s.nextDue()).isEmpty();
  }

  @Test
  void stopReturnsTrueWhenRunsInFlightFinishWithinTheGrace() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    ScheduledPair slow = pair("slow", S30, S30);
    Scheduler s = realThreads(p -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      return RunOutcome.SUCCEEDED;
    });
    s.update(List.of(slow));
    s.trigger(slow.key());
    await().atMost(30, TimeUnit.SECONDS).until(() -> listener.started.size() == 1);

    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> s.stop(Duration.ofSeconds(30)));
    assertThat(stopped).isNotDone(); // it cannot be: the run is still going
    release.countDown();

    assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isFalse();
    assertThat(listener.finished).hasSize(1);
  }

  @Test
  void stopInterruptsRunsStillGoingAfterTheGraceAndSchedulesNothingMore() {
    AtomicBoolean interrupted = new AtomicBoolean();
    ScheduledPair hung = pair("hung", S30, S30);
    Scheduler s = realThreads(p -> {
      try {
        new CountDownLatch(1).await(); // never released
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      return RunOutcome.FAILED;
    });
    s.update(List.of(hung));
    s.trigger(hung.key());
    await().atMost(30, TimeUnit.SECONDS).until(() -> listener.started.size() == 1);

    assertThat(s.stop(Duration.ofMillis(100))).isFalse();

    await().atMost(30, TimeUnit.SECONDS).untilTrue(interrupted);
    await().atMost(30, TimeUnit.SECONDS).until(() -> listener.finished.size() == 1);
    assertThat(s.trigger(hung.key())).isInstanceOf(TriggerResult.Refused.class);
    clock.advance(Duration.ofMinutes(5));
    s.runDue();
    assertThat(listener.started).hasSize(1);
    assertThat(s.isScheduling()).isFalse();
  }

  @Test
  void stopWithNothingInFlightReturnsTrueAtOnce() {
    Scheduler s = scheduler(p -> RunOutcome.SUCCEEDED, 1);
    s.update(List.of(pair("a", S30, S30)));
    assertThat(s.stop(Duration.ZERO)).isTrue();
  }

  private Scheduler realThreads(PairTask task) {
    Executor virtual = r -> Thread.ofVirtual().start(r);
    return new Scheduler(task, 4, listener, clock, virtual, new SplittableRandom(1));
  }

}
