package io.cartprobe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleWindowTest {

  static final Instant T0 = Instant.parse("2026-12-02T03:00:00.000000001Z");

  static WindowRun run(int second, Verdict verdict) {
    return new WindowRun(T0.plusSeconds(second), verdict, Duration.ofNanos(1_000_000L + second),
        Optional.empty());
  }

  @Test
  void keepsItsAgeWindowAndItsArraysShrinkBackAfterABurst() {
    RuleWindow window = new RuleWindow(Duration.ofMinutes(1), 4);
    IntStream.range(0, 10_000).forEach(i -> window.add(run(i, Verdict.SUCCESS)));

    assertThat(window.size()).isEqualTo(61);
    assertThat(window.allocated()).isLessThanOrEqualTo(128);
    assertThat(window.within(T0.plusSeconds(9_999), Duration.ofSeconds(10)))
        .containsExactlyElementsOf(IntStream.range(9_990, 10_000)
            .mapToObj(i -> run(i, Verdict.SUCCESS)).toList());
  }

  @Test
  void neverHoldsMoreThanTheHardCap() {
    RuleWindow window = new RuleWindow(Duration.ofDays(2), 1);
    IntStream.range(0, RuleWindow.HARD_CAP + 500).forEach(i -> window.add(run(i, Verdict.SUCCESS)));

    assertThat(window.size()).isEqualTo(RuleWindow.HARD_CAP);
    assertThat(window.allocated()).isLessThanOrEqualTo(RuleWindow.HARD_CAP + 1);
    assertThat(window.get(0)).isEqualTo(run(500, Verdict.SUCCESS));
  }

  @Test
  void theStreakIsTheTrailingFailuresAndKeepsAtLeastItsCount() {
    RuleWindow window = new RuleWindow(Duration.ZERO, 4);
    window.add(run(0, Verdict.FAILURE));
    window.add(run(1, Verdict.DEGRADED));
    IntStream.range(2, 9).forEach(i -> window.add(run(i, Verdict.FAILURE)));

    assertThat(window.size()).isEqualTo(4);
    assertThat(window.failureStreak()).containsExactlyElementsOf(
        IntStream.range(5, 9).mapToObj(i -> run(i, Verdict.FAILURE)).toList());
    window.add(run(9, Verdict.SUCCESS));
    assertThat(window.failureStreak()).isEmpty();
    assertThat(window.latest()).isEqualTo(run(9, Verdict.SUCCESS));
  }

  @Test
  void certificateExpiriesRoundTripOnlyWhereARunHadOne() {
    RuleWindow window = new RuleWindow(Duration.ofHours(1), 1);
    Instant notAfter = Instant.parse("2027-01-01T00:00:00.5Z");
    window.add(run(0, Verdict.SUCCESS));
    WindowRun withCert = new WindowRun(T0.plusSeconds(1), Verdict.SUCCESS, Duration.ofMillis(3),
        Optional.of(notAfter));
    window.add(withCert);
    IntStream.range(2, 40).forEach(i -> window.add(run(i, Verdict.SUCCESS)));

    assertThat(window.get(0)).isEqualTo(run(0, Verdict.SUCCESS));
    assertThat(window.get(1)).isEqualTo(withCert);
    assertThat(window.get(39)).isEqualTo(run(39, Verdict.SUCCESS));
  }

  @Test
  void runsOutOfOrderStillCountByTheirStart() {
    RuleWindow window = new RuleWindow(Duration.ofHours(1), 1);
    window.add(run(100, Verdict.FAILURE));
    window.add(run(10, Verdict.SUCCESS)); // a /probe run that finished late
    window.add(run(101, Verdict.SUCCESS));

    assertThat(window.within(T0.plusSeconds(101), Duration.ofSeconds(50)))
        .containsExactly(run(100, Verdict.FAILURE), run(101, Verdict.SUCCESS));
  }

  @Test
  void aStreakWindowHoldsAHandfulWhilePassingAndHalfAnHourOfAFailingStreak() {
    RuleWindow streakOnly = new RuleWindow(Duration.ZERO, 4, Duration.ofMinutes(30));
    RuleWindow asBefore = new RuleWindow(Duration.ofMinutes(30), 4);
    for (int i = 0; i < 3_600; i++) {
      streakOnly.add(run(i, Verdict.SUCCESS));
      asBefore.add(run(i, Verdict.SUCCESS));
    }
    assertThat(streakOnly.size()).isEqualTo(4);
    assertThat(streakOnly.allocated()).isEqualTo(RuleWindow.FIRST_LENGTH);

    // An outage of an hour: the streak is counted over the same half hour either way.
    for (int i = 3_600; i < 7_200; i++) {
      streakOnly.add(run(i, Verdict.FAILURE));
      asBefore.add(run(i, Verdict.FAILURE));
      if (i % 97 == 0 || i == 7_199) {
        assertThat(streakOnly.failureStreak()).isEqualTo(asBefore.failureStreak());
      }
    }
    assertThat(streakOnly.failureStreak()).hasSize(1_801);
    assertThat(streakOnly.failureStreak().getFirst()).isEqualTo(run(7_199 - 1_800, Verdict.FAILURE));

    streakOnly.add(run(7_200, Verdict.SUCCESS));
    assertThat(streakOnly.size()).isEqualTo(4);
    assertThat(streakOnly.failureStreak()).isEmpty();
  }

  @Test
  void aStreakRuleBesideAWindowedRuleKeepsTheWindowWhole() {
    RuleWindow window = new RuleWindow(Duration.ofMinutes(10), 4, Duration.ofMinutes(30));
    for (int i = 0; i < 3_600; i++) {
      window.add(run(i, i % 10 == 0 ? Verdict.FAILURE : Verdict.SUCCESS));
    }

    assertThat(window.size()).isEqualTo(601);
    assertThat(window.within(T0.plusSeconds(3_599), Duration.ofMinutes(10))).hasSize(600);
  }
}
