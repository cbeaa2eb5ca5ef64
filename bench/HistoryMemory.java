import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.history.SavedPair;
import io.cartprobe.history.StoredRuns;
import io.cartprobe.result.Verdict;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Heap that run history retains for PAIRS pairs x RUNS runs (a day at 30 s), with full rings
 * (no state database) and with the split a state database allows (the newest 60 runs in full,
 * the rest as 12-byte compact runs). Measured as heap used after System.gc(), minus the heap
 * used before filling, so it is what history keeps, not what filling it allocated.
 *
 * <p>Usage: java -cp target/classes:... HistoryMemory [pairs] [runs]
 */
public final class HistoryMemory {

  static final Instant T0 = Instant.parse("2026-05-09T00:00:00Z");
  static final Duration EVERY = Duration.ofSeconds(30);

  public static void main(String[] args) {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2880;
    System.out.printf("history retained heap, %d pairs x %d runs (5 %% failing)%n", pairs, runs);
    double full = measure("full rings (no state database)", pairs, runs, false);
    double split = measure("split (state database: 60 full + compact)", pairs, runs, true);
    System.out.printf("split / full: %.2f%n", split / full);
  }

  static double measure(String what, int pairs, int runs, boolean store) {
    Clock clock = Clock.fixed(T0.plus(EVERY.multipliedBy(runs)), ZoneOffset.UTC);
    long before = usedAfterGc();
    // Any store but NONE makes history hold the split; the bench never asks it for runs.
    StoredRuns older = (key, from, until, limit) -> List.of();
    RunHistory history = store
        ? new RunHistory(clock, RunHistory.MAX_DEFAULT_CAPACITY, older, Duration.ofDays(1))
        : new RunHistory(clock);
    SplittableRandom random = new SplittableRandom(14);
    for (int p = 0; p < pairs; p++) {
      HistoryKey key = new HistoryKey("probe-" + p, "production");
      history.configure(key, EVERY);
      history.restore(new SavedPair(key, 0, Optional.empty(), 0, day(random, runs), List.of(),
          List.of(), Optional.empty()));
    }
    long after = usedAfterGc();
    double mib = (after - before) / (1024.0 * 1024.0);
    System.out.printf("  %-44s %8.1f MiB  (%.1f B/run)%n", what, mib,
        (double) (after - before) / ((long) pairs * runs));
    Reference.reachabilityFence(history);
    return mib;
  }

  static List<RunRecord> day(SplittableRandom random, int runs) {
    List<RunRecord> out = new ArrayList<>(runs);
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < runs; i++) {
      Instant at = T0.plus(EVERY.multipliedBy(i)).plusNanos(random.nextInt(1_000_000) * 1000L);
      Duration took = Duration.ofNanos(200_000_000L + random.nextLong(800_000_000L));
      byte[] trace = new byte[16];
      random.nextBytes(trace);
      boolean failed = random.nextInt(100) < 5;
      out.add(new RunRecord(at, failed ? Verdict.FAILURE : Verdict.SUCCESS, took,
          failed ? Optional.of("authorize_payment") : Optional.empty(),
          failed ? Optional.of("payment-gateway") : Optional.empty(),
          failed ? Optional.of("status") : Optional.empty(),
          failed ? Optional.of("expected status 200, got 500") : Optional.empty(),
          Optional.empty(), hex.formatHex(trace), Optional.empty(),
          failed ? Optional.of(500) : Optional.empty()));
    }
    return out;
  }

  static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // A few rounds: one System.gc() may leave garbage a concurrent or young collection missed.
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
