package io.cartprobe.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldRunsTest {

  static RunRecord run(int i) {
    // Whole microseconds, so the compact part keeps them exactly.
    boolean failed = i % 5 == 2;
    return new RunRecord(java.time.Instant.ofEpochSecond(
        CompactRunsTest.T0.getEpochSecond() + 30L * i, 123_456_000),
        failed ? Verdict.FAILURE : i % 3 == 0 ? Verdict.DEGRADED : Verdict.SUCCESS,
        Duration.ofMillis(200 + i), failed ? Optional.of("pay") : Optional.empty(),
        failed ? Optional.of("gateway") : Optional.empty(),
        failed ? Optional.of("status") : Optional.empty(),
        failed ? Optional.of("expected status 200, got 500") : Optional.empty(),
        Optional.empty(), RunRingTest.TRACE, Optional.empty(),
        failed ? Optional.of(500) : Optional.empty());
  }

  static HeldRuns filled(int capacity, boolean split, int runs) {
    HeldRuns held = new HeldRuns(capacity, split);
    IntStream.range(0, runs).mapToObj(HeldRunsTest::run).forEach(held::add);
    return held;
  }

  static RunRecord bare(RunRecord r) {
    return new RunRecord(r.startedAt(), r.verdict(), r.duration(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "",
        Optional.empty(), Optional.empty());
  }

  @Test
  void withoutAStoreEveryRunKeepsItsDetails() {
    HeldRuns held = filled(200, false, 300);

    assertThat(held.compactSize()).isZero();
    assertThat(held.all()).isEqualTo(IntStream.range(100, 300).mapToObj(HeldRunsTest::run).toList());
  }

  @Test
  void withAStoreTheNewestSixtyKeepDetailsAndOlderOnesTheirNumbers() {
    HeldRuns held = filled(200, true, 300);
    HeldRuns full = filled(200, false, 300);

    assertThat(held.size()).isEqualTo(200);
    assertThat(held.compactSize()).isEqualTo(140);
    List<RunRecord> all = held.all();
    assertThat(all.subList(140, 200)).isEqualTo(full.all().subList(140, 200));
    assertThat(all.subList(0, 140))
        .isEqualTo(full.all().subList(0, 140).stream().map(HeldRunsTest::bare).toList());
    for (int i = 0; i < 200; i++) {
      assertThat(held.startNanos(i)).isEqualTo(full.startNanos(i));
      assertThat(held.durationNanos(i)).isEqualTo(full.durationNanos(i));
      assertThat(held.verdict(i)).isEqualTo(full.verdict(i));
    }
    assertThat(held.newest(HeldRuns.FULL_RUNS)).isEqualTo(full.newest(HeldRuns.FULL_RUNS));
    // 60 runs at 37 bytes and 140 at 12, where the full ring takes 37 bytes for all 200.
    assertThat(held.arrayBytes()).isEqualTo((6 * 16 + 60 * 37) + (16 + 140 * 12));
    assertThat(full.arrayBytes()).isEqualTo(6 * 16 + 200 * 37);
  }

  @Test
  void aCapacityOfSixtyOrLessHasNoCompactPartAndGrowingAddsOne() {
    HeldRuns held = filled(40, true, 50);
    assertThat(held.compactSize()).isZero();
    assertThat(held.all()).isEqualTo(IntStream.range(10, 50).mapToObj(HeldRunsTest::run).toList());

    held.resize(100);
    IntStream.range(50, 130).mapToObj(HeldRunsTest::run).forEach(held::add);
    assertThat(held.size()).isEqualTo(100);
    assertThat(held.compactSize()).isEqualTo(40);
    assertThat(held.get(0)).isEqualTo(bare(run(30)));
    assertThat(held.newest()).isEqualTo(run(129));

    held.resize(50);
    assertThat(held.size()).isEqualTo(50);
    assertThat(held.compactSize()).isZero();
    assertThat(held.get(0)).isEqualTo(run(80));
  }
}
