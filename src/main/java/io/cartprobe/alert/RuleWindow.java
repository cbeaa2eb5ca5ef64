package io.cartprobe.alert;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recent runs of one (probe, environment), newest last, bounded both by age (the longest
 * window of any rule on the pair) and by count (the longest run streak any rule looks at, plus a
 * hard cap so a 1s interval with a 1d window cannot grow without end). A streak rule reads only
 * the trailing failures, so those are kept for its own horizon while the runs before them go as
 * soon as no window needs them: a passing pair with only {@code consecutive_failures} holds a
 * handful of runs, not half an hour of them.
 *
 * <p>Held as parallel primitive arrays (start and duration in nanos, a verdict byte: 17 bytes a
 * run) rather than {@link WindowRun}s (~80 bytes with their Instant and Duration); certificate
 * expiries get an array only once a run reports one. The arrays grow by doubling and shrink
 * when a quarter full, so a window costs what it holds. A {@link WindowRun} is made on read.
 */
final class RuleWindow {

  /** A probe every second over a day is 86 400 runs; windows that long are sampled as this many. */
  static final int HARD_CAP = 20_000;

  static final int FIRST_LENGTH = 16;

  private static final long NO_CERT = Long.MIN_VALUE;
  private static final Verdict[] VERDICTS = Verdict.values();

  private final long keepForNanos;
  private final long streakForNanos;
  private final int keepAtLeast;
  private long[] ats = new long[FIRST_LENGTH];
  private long[] durations = new long[FIRST_LENGTH];
  private byte[] verdicts = new byte[FIRST_LENGTH];
  private long[] certs; // null until a run reports a certificate
  private int head;
  private int size;
  private int streak; // trailing failed runs held

  RuleWindow(Duration keepFor, int keepAtLeast) {
    this(keepFor, keepAtLeast, keepFor);
  }

  /**
   * @param keepFor how far back the windowed rules read
   * @param streakFor how far back a failing streak is kept (and so counted)
   */
  RuleWindow(Duration keepFor, int keepAtLeast, Duration streakFor) {
    this.keepForNanos = keepFor.toNanos();
    this.streakForNanos = Math.max(streakFor.toNanos(), keepForNanos);
    this.keepAtLeast = Math.min(keepAtLeast, HARD_CAP);
  }

  void add(WindowRun run) {
    if (size == ats.length) {
      reallocate(Math.min(HARD_CAP + 1, ats.length * 2));
    }
    int slot = (head + size) % ats.length;
    long at = nanos(run.at());
    ats[slot] = at;
    durations[slot] = run.duration().toNanos();
    verdicts[slot] = (byte) run.verdict().ordinal();
    if (run.certNotAfter().isPresent() && certs == null) {
      certs = new long[ats.length];
      java.util.Arrays.fill(certs, NO_CERT);
    }
    if (certs != null) {
      certs[slot] = run.certNotAfter().map(RuleWindow::nanos).orElse(NO_CERT);
    }
    size++;
    streak = run.failed() ? streak + 1 : 0;
    long horizon = at - keepForNanos;
    long streakHorizon = at - streakForNanos;
    while (size > HARD_CAP || (size > keepAtLeast && ats[head] < horizon
        && (streak < size || ats[head] < streakHorizon))) {
      head = (head + 1) % ats.length;
      size--;
      streak = Math.min(streak, size);
    }
    if (ats.length > FIRST_LENGTH && size < ats.length / 4) {
      reallocate(Math.max(FIRST_LENGTH, ats.length / 2));
    }
  }

  int size() {
    return size;
  }

  /** The length of the arrays now, for tests of what a window costs. */
  int allocated() {
    return ats.length;
  }

  WindowRun latest() {
    return size == 0 ? null : get(size - 1);
  }

  /** Runs started after {@code now - window}, oldest first. */
  List<WindowRun> within(Instant now, Duration window) {
    long from = nanos(now.minus(window));
    List<WindowRun> inWindow = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (ats[slot(i)] > from) {
        inWindow.add(get(i));
      }
    }
    return inWindow;
  }

  /** The trailing failed runs, oldest first (empty when the latest run did not fail). */
  List<WindowRun> failureStreak() {
    int first = size;
    while (first > 0 && verdicts[slot(first - 1)] == Verdict.FAILURE.ordinal()) {
      first--;
    }
    List<WindowRun> streak = new ArrayList<>(size - first);
    for (int i = first; i < size; i++) {
      streak.add(get(i));
    }
    return streak;
  }

  /** The i-th run, 0 the oldest. */
  WindowRun get(int i) {
    int s = slot(i);
    Optional<Instant> cert = certs == null || certs[s] == NO_CERT
        ? Optional.empty() : Optional.of(instant(certs[s]));
    return new WindowRun(instant(ats[s]), VERDICTS[verdicts[s]], Duration.ofNanos(durations[s]),
        cert);
  }

  private int slot(int i) {
    return (head + i) % ats.length;
  }

  private void reallocate(int length) {
    long[] a = new long[length];
    long[] d = new long[length];
    byte[] v = new byte[length];
    long[] c = certs == null ? null : new long[length];
    if (c != null) {
      java.util.Arrays.fill(c, NO_CERT);
    }
    for (int i = 0; i < size; i++) {
      int from = slot(i);
      a[i] = ats[from];
      d[i] = durations[from];
      v[i] = verdicts[from];
      if (c != null) {
        c[i] = certs[from];
      }
    }
    ats = a;
    durations = d;
    verdicts = v;
    certs = c;
    head = 0;
  }

  private static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }
}
