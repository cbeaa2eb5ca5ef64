package io.cartprobe.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CompactRunsTest {

  // Sub-microsecond digits on purpose: the compact ring keeps starts to the microsecond.
  static final Instant T0 = Instant.parse("2026-12-02T03:00:00.123456789Z");
  static final long T0_NANOS = RunRing.epochNanos(T0);

  static long start(int i) {
    return T0_NANOS + i * 30_000_000_000L;
  }

  static Verdict verdict(int i) {
    return Verdict.values()[i % Verdict.values().length];
  }

  static CompactRuns filled(int capacity, int runs) {
    CompactRuns ring = new CompactRuns(capacity);
    for (int i = 0; i < runs; i++) {
      ring.add(start(i), 1_000_000L * (i + 1), verdict(i));
    }
    return ring;
  }

  @Test
  void wrapsAroundKeepingTheNewestOldestFirst() {
    CompactRuns ring = filled(5, 12);

    assertThat(ring.size()).isEqualTo(5);
    assertThat(ring.allocated()).isEqualTo(5);
    assertThat(IntStream.range(0, 5).mapToLong(ring::startNanos).toArray())
        .containsExactly(IntStream.range(7, 12).mapToLong(i -> start(i) / 1000 * 1000).toArray());
    assertThat(IntStream.range(0, 5).mapToObj(ring::verdict))
        .containsExactlyElementsOf(IntStream.range(7, 12).mapToObj(i -> verdict(i)).toList());
    assertThat(ring.durationNanos(4)).isEqualTo(12_000_000L);
    assertThatThrownBy(() -> ring.startNanos(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void growsByDoublingUpToItsCapacityAtTwelveBytesARun() {
    CompactRuns ring = new CompactRuns(2820);
    assertThat(ring.allocated()).isZero();

    ring.add(start(0), 1, Verdict.SUCCESS);
    assertThat(ring.allocated()).isEqualTo(CompactRuns.FIRST_LENGTH);
    for (int i = 1; i <= 64; i++) {
      ring.add(start(i), 1, Verdict.SUCCESS);
    }
    assertThat(ring.allocated()).isEqualTo(128);
    for (int i = 65; i < 5000; i++) {
      ring.add(start(i), 1, Verdict.SUCCESS);
    }
    assertThat(ring.allocated()).isEqualTo(2820);
    assertThat(ring.size()).isEqualTo(2820);
    assertThat(ring.arrayBytes()).isEqualTo(16 + 2820L * 12);
    assertThat(ring.startNanos(0)).isEqualTo(start(5000 - 2820) / 1000 * 1000);
  }

  @Test
  void everyVerdictAndTheStartToTheMicrosecondComeBack() {
    CompactRuns ring = new CompactRuns(10);
    for (Verdict v : Verdict.values()) {
      ring.add(T0_NANOS, 1_234_567_891L, v);
    }

    for (int i = 0; i < Verdict.values().length; i++) {
      assertThat(ring.verdict(i)).isEqualTo(Verdict.values()[i]);
      assertThat(ring.startNanos(i)).isEqualTo(T0_NANOS - 789); // .123456 s kept, 789 ns not
      assertThat(ring.durationNanos(i)).isEqualTo(1_234_567_000L);
    }
    assertThat(ring.get(0)).isEqualTo(new RunRecord(Instant.parse("2026-12-02T03:00:00.123456Z"),
        Verdict.SUCCESS, Duration.ofNanos(1_234_567_000L), java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty(), "", java.util.Optional.empty(), java.util.Optional.empty()));
  }

  @Test
  void outOfRangeValuesSaturateRatherThanWrap() {
    CompactRuns ring = new CompactRuns(4);
    ring.add(T0_NANOS, Duration.ofHours(2).toNanos(), Verdict.FAILURE);
    ring.add(T0_NANOS, -5, Verdict.SUCCESS);
    ring.add(-1_000_000_000L, 1, Verdict.SUCCESS); // before 1970
    ring.add(Instant.parse("2107-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L, 1,
        Verdict.SUCCESS);

    assertThat(ring.durationNanos(0)).isEqualTo(Integer.MAX_VALUE * 1000L); // ~35.8 minutes
    assertThat(ring.verdict(0)).isEqualTo(Verdict.FAILURE);
    assertThat(ring.durationNanos(1)).isZero();
    assertThat(ring.startNanos(2)).isZero();
    assertThat(ring.startNanos(3)).isEqualTo(CompactRuns.MAX_EPOCH_SECOND * 1_000_000_000L);
  }

  @Test
  void shrinkingKeepsTheNewestAndGrowingKeepsThemAll() {
    CompactRuns ring = filled(10, 10);
    ring.resize(3);
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.startNanos(0)).isEqualTo(start(7) / 1000 * 1000);

    ring.resize(20);
    ring.add(start(10), 1, Verdict.SUCCESS);
    assertThat(ring.size()).isEqualTo(4);
    assertThat(ring.startNanos(3)).isEqualTo(start(10) / 1000 * 1000);
    assertThatThrownBy(() -> new CompactRuns(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
