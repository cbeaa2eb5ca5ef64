package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;

import static io.cartprobe.testing.Results.degraded;
import static io.cartprobe.testing.Results.failedCheckout;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejectedAfterSigningChange;
import static io.cartprobe.testing.Results.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.result.FailureReason;
import io.cartprobe.result.Verdict;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");

  final TestClock clock = new TestClock(T0);
  final RunHistory history = new RunHistory(clock);

  @Test
  void aLongRunStaysWithinCapacityAndDropsTheOldest() {
    for (int i = 0; i < 100_000; i++) {
      Instant at = T0.plusSeconds(30L * i);
      history.record(i % 7 == 0
          ? paymentRejectedAfterSigningChange("checkout", "production", at, Duration.ofMillis(200))
          : ok("checkout", "production", at, Duration.ofMillis(100 + i % 50)));
    }

    List<RunRecord> records = history.records("checkout", "production");
    assertThat(records).hasSize(2880);
    assertThat(records.getFirst().startedAt()).isEqualTo(T0.plusSeconds(30L * (100_000 - 2880)));
    assertThat(records.getLast().startedAt()).isEqualTo(T0.plusSeconds(30L * 99_999));
    assertThat(history.summary("checkout", "production").stored()).isEqualTo(2880);
    assertThat(history.summary("checkout", "production").capacity()).isEqualTo(2880);
    assertThat(history.latest("checkout", "production").orElseThrow().startedAt())
        .isEqualTo(T0.plusSeconds(30L * 99_999));
  }

  @Test
  void defaultCapacityIsADayAtTheIntervalWithinBounds() {
    assertThat(RunHistory.capacityFor(Duration.ofSeconds(30))).isEqualTo(2880);
    assertThat(RunHistory.capacityFor(Duration.ofMinutes(1))).isEqualTo(1440);
    assertThat(RunHistory.capacityFor(Duration.ofSeconds(10))).isEqualTo(2880);
    assertThat(RunHistory.capacityFor(Duration.ofHours(1))).isEqualTo(60);
    assertThat(RunHistory.capacityFor(Duration.ofSeconds(7))).isEqualTo(2880);
  }

  @Test
  void configuredCapacityAppliesBeforeAndAfterTheFirstRecord() {
    history.configure("gateway-config", "staging", 5);
    for (int i = 0; i < 8; i++) {
      history.record(ok("gateway-config", "staging", T0.plusSeconds(i), Duration.ofMillis(i)));
    }
    assertThat(history.records("gateway-config", "staging")).hasSize(5);

    history.configure("gateway-config", "staging", 3);
    assertThat(history.records("gateway-config", "staging"))
        .extracting(RunRecord::startedAt)
        .containsExactly(T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7));

    assertThatThrownBy(() -> history.configure("x", "y", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void successRatioAndP95AreExactOverTheLastHour() {
    clock.advance(Duration.ofHours(3));
    Instant now = clock.instant();
    // Outside the window: a slow failure that must not count.
    history.record(paymentRejectedAfterSigningChange("checkout", "production", now.minus(Duration.ofMinutes(61)),
        Duration.ofSeconds(10)));
    List<Integer> millis = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      millis.add(i);
    }
    Collections.shuffle(millis, new Random(42));
    for (int i = 0; i < 100; i++) {
      Instant at = now.minus(Duration.ofMinutes(59)).plusSeconds(30L * i);
      Duration d = Duration.ofMillis(millis.get(i));
      history.record(i % 10 == 3 ? paymentRejectedAfterSigningChange("checkout", "production", at, d)
          : i % 10 == 5 ? degraded("checkout", "production", at, d)
          : ok("checkout", "production", at, d));
    }

    PairSummary summary = history.summary("checkout", "production");

    assertThat(summary.runsInWindow()).isEqualTo(100);
    assertThat(summary.successRatio()).hasValue(0.9); // degraded counts as passed
    assertThat(summary.p95()).hasValue(Duration.ofMillis(95)); // nearest rank of 1..100 ms
    assertThat(summary.recent()).hasSize(RunHistory.RECENT_RUNS);
    assertThat(summary.recentDurations().getLast()).isEqualTo(Duration.ofMillis(millis.get(99)));
    assertThat(summary.stored()).isEqualTo(101);
  }

  @Test
  void p95OfASmallSeriesIsItsLargestValue() {
    for (int i = 0; i < 3; i++) {
      history.record(ok("p", "e", T0.plusSeconds(i), Duration.ofMillis(10L * (i + 1))));
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(history.summary("p", "e").p95()).hasValue(Duration.ofMillis(30));
    assertThat(history.summary("p", "e").successRatio()).hasValue(1.0);
  }

  @Test
  void failingSinceIsTheStartOfTheCurrentFailingStreak() {
    history.record(ok("checkout", "production", T0, Duration.ofMillis(100)));
    history.record(paymentRejectedAfterSigningChange("checkout", "production", T0.plusSeconds(30), Duration.ofMillis(100)));
    history.record(ok("checkout", "production", T0.plusSeconds(60), Duration.ofMillis(100)));
    history.record(degraded("checkout", "production", T0.plusSeconds(90), Duration.ofMillis(900)));
    assertThat(history.summary("checkout", "production").failingSince()).isEmpty();

    history.record(paymentRejectedAfterSigningChange("checkout", "production", T0.plusSeconds(120), Duration.ofMillis(100)));
    history.record(paymentRejectedAfterSigningChange("checkout", "production", T0.plusSeconds(130), Duration.ofMillis(100)));
    history.record(paymentRejectedAfterSigningChange("checkout", "production", T0.plusSeconds(140), Duration.ofMillis(100)));
    clock.advance(Duration.ofSeconds(150));

    PairSummary failing = history.summary("checkout", "production");
    assertThat(failing.failingSince()).hasValue(T0.plusSeconds(120));
    assertThat(failing.consecutiveFailures()).isEqualTo(3);
    assertThat(failing.lastRunAge()).hasValue(Duration.ofSeconds(10));
    assertThat(failing.last().orElseThrow().failedStep()).hasValue("authorize_payment");
    assertThat(failing.last().orElseThrow().httpStatus()).hasValue(500);
    assertThat(failing.last().orElseThrow().probableCause().orElseThrow())
        .contains("$.request_signing");

    history.record(ok("checkout", "production", T0.plusSeconds(150), Duration.ofMillis(100)));
    assertThat(history.summary("checkout", "production").failingSince()).isEmpty();
    assertThat(history.summary("checkout", "production").consecutiveFailures()).isZero();
  }

  @Test
  void failingSinceOutlivesTheRing() {
    history.configure("checkout", "staging", 5);
    for (int i = 0; i < 20; i++) {
      history.record(paymentRejectedAfterSigningChange("checkout", "staging", T0.plusSeconds(i), Duration.ofMillis(5)));
    }
    PairSummary summary = history.summary("checkout", "staging");
    assertThat(summary.failingSince()).hasValue(T0);
    assertThat(summary.consecutiveFailures()).isEqualTo(20);
    assertThat(summary.stored()).isEqualTo(5);
  }

  @Test
  void aPairNeverSeenHasNoDataYet() {
    PairSummary summary = history.summary("checkout", "production");
    assertThat(summary.last()).isEmpty();
    assertThat(summary.successRatio()).isEmpty();
    assertThat(summary.p95()).isEmpty();
    assertThat(summary.recent()).isEmpty();
    assertThat(history.latest("checkout", "production")).isEmpty();
  }

  @Test
  void sinceReturnsRunsAtOrAfterTheInstantWithEventsAlongside() {
    for (int i = 0; i < 10; i++) {
      history.record(ok("checkout", "production", T0.plusSeconds(10L * i),
          Duration.ofMillis(50)));
    }
    history.recordConfigChange("gateway-config", "production", T0.plusSeconds(5), List.of());
    history.recordConfigChange("checkout", "production", T0.plusSeconds(45), List.of());
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.FIRING, T0.plusSeconds(20));
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.RESOLVED, T0.plusSeconds(70));

    assertThat(history.since("checkout", "production", T0.plusSeconds(70)))
        .extracting(RunRecord::startedAt)
        .containsExactly(T0.plusSeconds(70), T0.plusSeconds(80), T0.plusSeconds(90));
    HistoryWindow window = history.window("checkout", "production", T0.plusSeconds(30));
    assertThat(window.configChanges()).extracting(ConfigChange::at)
        .containsExactly(T0.plusSeconds(45));
    assertThat(window.alertTransitions()).extracting(AlertTransition::state)
        .containsExactly(AlertTransition.State.RESOLVED);
    assertThat(history.summary("checkout", "production").lastConfigChange().orElseThrow().at())
        .isEqualTo(T0.plusSeconds(45));
    assertThat(history.summary("gateway-config", "production").lastConfigChange()).isPresent();
  }

  @Test
  void retainForgetsPairsNoLongerConfigured() {
    history.record(ok("a", "e", T0, Duration.ofMillis(1)));
    history.record(ok("b", "e", T0, Duration.ofMillis(1)));
    history.retain(List.of(new HistoryKey("a", "e")));
    assertThat(history.keys()).containsExactly(new HistoryKey("a", "e"));
  }

  @Test
  void recordsKeepShortMessagesOnly() {
    String longMessage = "x".repeat(5000);
    history.record(failedCheckout("p", "e", T0, Duration.ofMillis(1), step("s", "c").http(500)
        .failed(FailureReason.STATUS, longMessage).classification("k").excerpt("b").build()));
    RunRecord record = history.records("p", "e").getFirst();
    assertThat(record.message().orElseThrow()).hasSize(RunRecord.MAX_MESSAGE).endsWith("…");
    assertThat(record.verdict()).isEqualTo(Verdict.FAILURE);
  }
}
