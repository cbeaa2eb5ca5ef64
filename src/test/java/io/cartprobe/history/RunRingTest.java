package io.cartprobe.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunRingTest {

  static final Instant T0 = Instant.parse("2026-12-02T03:00:00.123456789Z");
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  static RunRecord passed(int i, String trace) {
    return new RunRecord(T0.plusSeconds(i), i % 3 == 0 ? Verdict.DEGRADED : Verdict.SUCCESS,
        Duration.ofNanos(1_234_567L + i), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), trace, Optional.empty(), Optional.empty());
  }

  static RunRecord failed(int i, String message) {
    return failed(i, message, TRACE);
  }

  static RunRecord failed(int i, String message, String trace) {
    // Fresh strings each run, as every result brings its own.
    return new RunRecord(T0.plusSeconds(i), Verdict.FAILURE, Duration.ofSeconds(30),
        Optional.of(new String("pay")), Optional.of("gateway"), Optional.of("status"),
        Optional.of(new String(message)), Optional.empty(), trace,
        Optional.of("signing key rotated"), Optional.of(502));
  }

  @Test
  void wrapsAroundKeepingTheNewestOldestFirst() {
    RunRing ring = new RunRing(5);
    for (int i = 0; i < 12; i++) {
      ring.add(passed(i, TRACE));
    }

    assertThat(ring.size()).isEqualTo(5);
    assertThat(ring.allocated()).isEqualTo(5);
    assertThat(ring.all()).containsExactlyElementsOf(
        IntStream.range(7, 12).mapToObj(i -> passed(i, TRACE)).toList());
    assertThat(ring.newest()).isEqualTo(passed(11, TRACE));
    assertThat(ring.newest(2)).containsExactly(passed(10, TRACE), passed(11, TRACE));
    assertThat(ring.firstAtOrAfter(RunRing.epochNanos(T0.plusSeconds(9)))).isEqualTo(2);
    assertThatThrownBy(() -> ring.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void growsByDoublingUpToItsCapacityAndNoFurther() {
    RunRing ring = new RunRing(2880);
    assertThat(ring.allocated()).isZero();
    IntStream.range(0, 100).forEach(i -> ring.add(passed(i, TRACE)));
    assertThat(ring.allocated()).isEqualTo(128);

    IntStream.range(100, 10_000).forEach(i -> ring.add(passed(i, TRACE)));
    assertThat(ring.allocated()).isEqualTo(2880);
    assertThat(ring.size()).isEqualTo(2880);
    assertThat(ring.get(0)).isEqualTo(passed(10_000 - 2880, TRACE));
    assertThat(ring.newest()).isEqualTo(passed(9_999, TRACE));
  }

  @Test
  void resizeKeepsTheNewestThatFitAndGrowsAgainAfter() {
    RunRing ring = new RunRing(100);
    IntStream.range(0, 150).forEach(i -> ring.add(passed(i, TRACE)));

    ring.resize(10);
    assertThat(ring.allocated()).isEqualTo(10);
    assertThat(ring.all()).containsExactlyElementsOf(
        IntStream.range(140, 150).mapToObj(i -> passed(i, TRACE)).toList());

    ring.resize(20);
    IntStream.range(150, 165).forEach(i -> ring.add(passed(i, TRACE)));
    assertThat(ring.capacity()).isEqualTo(20);
    assertThat(ring.all()).containsExactlyElementsOf(
        IntStream.range(145, 165).mapToObj(i -> passed(i, TRACE)).toList());
    assertThatThrownBy(() -> ring.resize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identicalFailuresShareOneDetailsObjectAndPassingRunsHoldNone() {
    RunRing ring = new RunRing(100);
    for (int i = 0; i < 10; i++) {
      ring.add(failed(i, "expected status 200, got 502"));
      ring.add(passed(100 + i, TRACE)); // flapping: the same failure each time
    }
    ring.add(failed(50, "expected status 200, got 503"));

    Set<RunDetails> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < ring.size(); i++) {
      if (ring.verdict(i) == Verdict.FAILURE) {
        distinct.add(ring.detailsAt(i));
      } else {
        assertThat(ring.detailsAt(i)).isNull();
      }
    }
    assertThat(distinct).hasSize(2);
    assertThat(ring.get(0)).isEqualTo(failed(0, "expected status 200, got 502"));
    assertThat(ring.newest()).isEqualTo(failed(50, "expected status 200, got 503"));
  }

  @Test
  void traceIdsRoundTripWhateverTheirShape() {
    List<String> ids = List.of(TRACE, "00000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffff", "80000000000000000000000000000001",
        "4BF92F3577B34DA6A3CE929D0E0E4736", "4bf92f3577b34da6a3ce929d0e0e473", // upper, 31
        "4bf92f3577b34da6a3ce929d0e0e47360", "4bf92f3577b34da6a3ce929d0e0e473g", "", "abc",
        "trace-from-0.1 ✓");
    RunRing ring = new RunRing(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      ring.add(passed(i, ids.get(i)));
      ring.add(failed(100 + i, "boom", ids.get(i)));
    }

    for (int i = 0; i < ids.size(); i++) {
      assertThat(ring.get(2 * i).traceId()).isEqualTo(ids.get(i));
      assertThat(ring.get(2 * i + 1)).isEqualTo(failed(100 + i, "boom", ids.get(i)));
    }
  }

  @Test
  void startsAndDurationsRoundTripToTheNanosecondBothSidesOfTheEpoch() {
    RunRing ring = new RunRing(3);
    Instant before = Instant.parse("1969-12-31T23:59:59.999999999Z");
    RunRecord old = new RunRecord(before, Verdict.SUCCESS, Duration.ofNanos(1), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
        Optional.empty(), Optional.empty());
    ring.add(old);
    ring.add(passed(1, TRACE));

    assertThat(ring.get(0)).isEqualTo(old);
    assertThat(ring.get(1).startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(ring.durationNanos(1)).isEqualTo(1_234_568L);
  }

  @Test
  void aFullDayOfPassingRunsRetainsUnderFortyBytesARun() {
    RunRing ring = new RunRing(2880);
    IntStream.range(0, 5000).forEach(i -> ring.add(passed(i, TRACE)));

    // Structural: the arrays are all a passing run holds (no object per run), their length is
    // the capacity, and what they take per run is 4 longs, a byte and a null reference.
    assertThat(ring.allocated()).isEqualTo(2880);
    assertThat(IntStream.range(0, ring.size()).mapToObj(ring::detailsAt)).containsOnlyNulls();
    assertThat((double) ring.arrayBytes() / ring.size()).isLessThan(40.0);
  }
}
