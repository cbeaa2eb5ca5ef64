package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PlanTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration S30 = Duration.ofSeconds(30);
  private static final Duration S10 = Duration.ofSeconds(10);

  /** Always draws zero: planned instants are exactly the grid. */
  private static final RandomGenerator NO_JITTER = () -> 0L;

  /** Always draws the largest jitter: shows jitter never accumulates. */
  private static final RandomGenerator MAX_JITTER = new RandomGenerator() {
    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  };

  private static final ScheduledPair CHECKOUT = pair("checkout", "production", S30, S10);

  private static ScheduledPair pair(String probe, String env, Duration interval, Duration whenFailing) {
    return new ScheduledPair(new PairKey(probe, env), interval, whenFailing);
  }

  private static Plan planOf(RandomGenerator random, ScheduledPair... pairs) {
    Plan plan = new Plan(new Jitter(random));
    plan.update(List.of(pairs), T0);
    return plan;
  }

  private static Instant first(ScheduledPair p) {
    return T0.plus(Spread.offset(p.key(), p.interval()));
  }

  @Test
  void firstRunIsAtTheSpreadOffsetWithoutJitter() {
    Plan plan = planOf(MAX_JITTER, CHECKOUT);

    assertThat(plan.nextDue(CHECKOUT.key())).contains(first(CHECKOUT));
    assertThat(plan.takeDue(first(CHECKOUT).minusNanos(1))).isEmpty();
    assertThat(plan.takeDue(first(CHECKOUT))).containsExactly(new Tick(CHECKOUT.key(), first(CHECKOUT)));
  }

  @Test
  void laterRunsFollowTheGridPlusJitterWhichNeverAccumulates() {
    Plan plan = planOf(MAX_JITTER, CHECKOUT);
    Duration jitter = Jitter.max(S30); // nextLong(max + 1) returns max
    Instant grid = first(CHECKOUT);
    plan.takeDue(grid);

    for (int k = 1; k <= 5; k++) {
      Instant expected = grid.plus(S30.multipliedBy(k)).plus(jitter);
      assertThat(plan.nextDue(CHECKOUT.key())).contains(expected);
      assertThat(plan.takeDue(expected)).containsExactly(new Tick(CHECKOUT.key(), expected));
    }
  }

  @Test
  void aLateTickDoesNotShiftLaterRuns() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);
    Instant first = first(CHECKOUT);

    List<Tick> ticks = plan.takeDue(first.plusSeconds(5));

    assertThat(ticks).containsExactly(new Tick(CHECKOUT.key(), first));
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plus(S30));
  }

  @Test
  void missedTicksComeDueOnceAndTheGridResumesInTheFuture() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);
    Instant first = first(CHECKOUT);

    assertThat(plan.takeDue(first.plusSeconds(95))).hasSize(1);
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(120));
  }

  @Test
  void dueTicksComeEarliestFirst() {
    ScheduledPair a = pair("a", "staging", S30, S30);
    ScheduledPair b = pair("b", "staging", S30, S30);
    ScheduledPair c = pair("c", "staging", S30, S30);
    Plan plan = planOf(NO_JITTER, a, b, c);

    List<Tick> ticks = plan.takeDue(T0.plus(S30));

    assertThat(ticks).hasSize(3);
    assertThat(ticks).extracting(Tick::planned).isSorted();
    assertThat(plan.nextDue()).contains(ticks.getFirst().planned().plus(S30));
  }

  @Test
  void aFailingPairUsesIntervalWhenFailingThenSwitchesBack() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);
    Instant first = first(CHECKOUT);
    plan.takeDue(first);

    assertThat(plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, first.plusSeconds(2)))
        .as("the flip moved the next run").isTrue();
    assertThat(plan.isFailing(CHECKOUT.key())).isTrue();
    assertThat(plan.currentInterval(CHECKOUT.key())).contains(S10);
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(10));

    plan.takeDue(first.plusSeconds(10));
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(20));
    assertThat(plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, first.plusSeconds(11)))
        .as("still failing: nothing moved").isFalse();
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(20));

    assertThat(plan.recordOutcome(CHECKOUT.key(), RunOutcome.SUCCEEDED, first.plusSeconds(12)))
        .isTrue();
    assertThat(plan.isFailing(CHECKOUT.key())).isFalse();
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(40));
  }

  @Test
  void theEarliestDueOfAllPairsFollowsAPairReplannedByAFlip() {
    ScheduledPair other = pair("other", "production", S30, S30);
    Plan plan = planOf(NO_JITTER, CHECKOUT, other);
    Instant first = first(CHECKOUT);
    plan.takeDue(first);
    Instant otherNext = plan.nextDue(other.key()).orElseThrow();

    plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, first.plusSeconds(2));

    Instant failingNext = first.plusSeconds(10);
    assertThat(plan.nextDue()).contains(otherNext.isBefore(failingNext) ? otherNext : failingNext);
    assertThat(plan.takeDue(failingNext)).extracting(Tick::pair).contains(CHECKOUT.key());
    assertThat(plan.takeDue(failingNext)).isEmpty();
  }

  @Test
  void aFailureReportedAfterTheFailingIntervalPassedRunsAtTheNextGridInstant() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);
    Instant first = first(CHECKOUT);
    plan.takeDue(first);

    // The run took 15s: first+10s has passed, so the pair is next due at first+20s, not at once.
    plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, first.plusSeconds(15));

    assertThat(plan.nextDue(CHECKOUT.key())).contains(first.plusSeconds(20));
  }

  @Test
  void aFailureBeforeTheFirstTickKeepsTheFirstDueInstant() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);

    plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, T0.plusMillis(1));

    assertThat(plan.isFailing(CHECKOUT.key())).isTrue();
    assertThat(plan.nextDue(CHECKOUT.key())).contains(first(CHECKOUT));
  }

  @Test
  void updateKeepsUnchangedPairsTimingAndStateRestartsChangedOnesAndDropsRemovedOnes() {
    ScheduledPair kept = pair("checkout", "production", S30, S10);
    ScheduledPair changed = pair("checkout", "staging", S30, S10);
    ScheduledPair removed = pair("gateway-config", "staging", S30, S30);
    Plan plan = planOf(NO_JITTER, kept, changed, removed);
    Instant late = T0.plus(S30);
    plan.takeDue(late);
    plan.recordOutcome(kept.key(), RunOutcome.FAILED, late);
    plan.recordOutcome(changed.key(), RunOutcome.FAILED, late);
    Instant keptDue = plan.nextDue(kept.key()).orElseThrow();

    ScheduledPair changedNow = pair("checkout", "staging", Duration.ofMinutes(1), S10);
    ScheduledPair added = pair("gateway-config", "production", Duration.ofMinutes(1), Duration.ofMinutes(1));
    Instant reload = late.plusMillis(1234);
    plan.update(List.of(kept, changedNow, added), reload);

    assertThat(plan.nextDue(kept.key())).contains(keptDue);
    assertThat(plan.isFailing(kept.key())).isTrue();
    assertThat(plan.nextDue(changed.key())).contains(Spread.firstDue(changed.key(), Duration.ofMinutes(1), reload));
    assertThat(plan.isFailing(changed.key())).isFalse();
    assertThat(plan.contains(removed.key())).isFalse();
    assertThat(plan.nextDue(added.key())).contains(Spread.firstDue(added.key(), Duration.ofMinutes(1), reload));
    assertThat(plan.pairs()).containsExactly(kept, changedNow, added);
  }

  @Test
  void anOutcomeOfARemovedPairIsIgnored() {
    Plan plan = planOf(NO_JITTER, CHECKOUT);
    plan.update(List.of(), T0);

    plan.recordOutcome(CHECKOUT.key(), RunOutcome.FAILED, T0);

    assertThat(plan.contains(CHECKOUT.key())).isFalse();
    assertThat(plan.nextDue()).isEmpty();
  }

  @Test
  void aPairListedTwiceIsRejected() {
    Plan plan = new Plan(new Jitter(NO_JITTER));
    assertThatThrownBy(() -> plan.update(List.of(CHECKOUT, CHECKOUT), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkout@production");
  }

  @Test
  void plannedRunsStayWithinTheirJitterBoundOfTheGrid() {
    Plan plan = planOf(new SplittableRandom(3), CHECKOUT);
    Instant grid = first(CHECKOUT);
    Duration max = Jitter.max(S30);
    boolean sawJitter = false;
    for (int k = 0; k < 200; k++) {
      Instant due = plan.nextDue(CHECKOUT.key()).orElseThrow();
      Duration jitter = Duration.between(grid, due);
      assertThat(jitter).isBetween(Duration.ZERO, max);
      sawJitter |= !jitter.isZero();
      plan.takeDue(due);
      grid = grid.plus(S30);
    }
    assertThat(sawJitter).isTrue();
  }
}
