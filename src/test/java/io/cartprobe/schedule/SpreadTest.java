package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpreadTest {

  /** A whole minute since the epoch: the grid's phase there is zero, so first due = now + offset. */
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  private static List<PairKey> manyPairs() {
    List<PairKey> pairs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      pairs.add(new PairKey("checkout-" + i, "staging"));
      pairs.add(new PairKey("checkout-" + i, "production"));
    }
    return pairs;
  }

  @Test
  void offsetsOfManyPairsAreDistinctAndWithinTheInterval() {
    Set<Duration> offsets = new HashSet<>();
    for (PairKey pair : manyPairs()) {
      Duration offset = Spread.offset(pair, INTERVAL);
      assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(INTERVAL);
      offsets.add(offset);
    }
    assertThat(offsets).hasSize(500);
  }

  @Test
  void offsetIsStableAcrossCallsAndReleases() {
    PairKey pair = new PairKey("checkout", "staging");
    assertThat(Spread.offset(pair, INTERVAL)).isEqualTo(Spread.offset(new PairKey("checkout", "staging"), INTERVAL));
    // Pinned: changing the hash would move every pair's phase on upgrade.
    assertThat(Spread.hash(pair)).isEqualTo(-8435116766992220832L);
    assertThat(Spread.offset(pair, INTERVAL)).isEqualTo(Duration.ofNanos(3_007_779_168L));
  }

  @Test
  void probeAndEnvironmentDoNotRunTogether() {
    // Without a separator, ("ab", "c") and ("a", "bc") would hash alike.
    assertThat(Spread.hash(new PairKey("ab", "c"))).isNotEqualTo(Spread.hash(new PairKey("a", "bc")));
  }

  @Test
  void firstDueTimesAreSpreadOverTheInterval() {
    List<Instant> firsts = manyPairs().stream().map(p -> Spread.firstDue(p, INTERVAL, T0)).toList();

    assertThat(firsts).allSatisfy(t -> assertThat(t).isBetween(T0, T0.plus(INTERVAL).minusNanos(1)));
    assertThat(new HashSet<>(firsts)).hasSize(500);
    Instant earliest = firsts.stream().min(Instant::compareTo).orElseThrow();
    Instant latest = firsts.stream().max(Instant::compareTo).orElseThrow();
    assertThat(Duration.between(earliest, latest)).isGreaterThan(Duration.ofSeconds(25));
    // And not bunched: every 3s tenth of the interval gets a share of the 500.
    long[] perTenth = new long[10];
    firsts.forEach(t -> perTenth[(int) (Duration.between(T0, t).toMillis() / 3000)]++);
    assertThat(java.util.Arrays.stream(perTenth).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(20L, 80L));
  }

  @Test
  void firstDueAtAnAlignedInstantIsNowPlusOffset() {
    PairKey pair = new PairKey("checkout", "production");
    assertThat(Spread.firstDue(pair, INTERVAL, T0)).isEqualTo(T0.plus(Spread.offset(pair, INTERVAL)));
  }

  @Test
  void aRestartKeepsThePairsPhase() {
    PairKey pair = new PairKey("gateway-config", "production");
    Instant before = Spread.firstDue(pair, INTERVAL, T0);
    Instant restarted = T0.plus(Duration.ofMillis(47_321));
    Instant after = Spread.firstDue(pair, INTERVAL, restarted);

    assertThat(after).isBetween(restarted, restarted.plus(INTERVAL).minusNanos(1));
    assertThat(Duration.between(before, after).toNanos() % INTERVAL.toNanos()).isZero();
  }
}
