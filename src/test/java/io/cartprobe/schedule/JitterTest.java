package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JitterTest {

  @Test
  void maxIsOnePercentOfTheIntervalCappedAtOneSecond() {
    assertThat(Jitter.max(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(1));
    assertThat(Jitter.max(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(300));
    assertThat(Jitter.max(Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(600));
    assertThat(Jitter.max(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Jitter.max(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterStaysWithinItsBoundAndIsSpreadOverIt() {
    Jitter jitter = new Jitter(new SplittableRandom(7));
    Duration interval = Duration.ofSeconds(30);
    List<Duration> draws = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      draws.add(jitter.next(interval));
    }
    assertThat(draws).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(300)));
    assertThat(new HashSet<>(draws)).hasSizeGreaterThan(9_000);
    assertThat(draws.stream().max(Duration::compareTo).orElseThrow()).isGreaterThan(Duration.ofMillis(290));
    assertThat(draws.stream().min(Duration::compareTo).orElseThrow()).isLessThan(Duration.ofMillis(10));
  }

  @Test
  void aLongIntervalIsJitteredByAtMostOneSecond() {
    Jitter jitter = new Jitter(new SplittableRandom(11));
    for (int i = 0; i < 1_000; i++) {
      assertThat(jitter.next(Duration.ofHours(6))).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @Test
  void theSameSeedGivesTheSameJitter() {
    Jitter a = new Jitter(new SplittableRandom(42));
    Jitter b = new Jitter(new SplittableRandom(42));
    for (int i = 0; i < 100; i++) {
      assertThat(a.next(Duration.ofSeconds(10))).isEqualTo(b.next(Duration.ofSeconds(10)));
    }
  }
}
