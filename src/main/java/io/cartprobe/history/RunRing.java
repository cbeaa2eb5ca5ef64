package io.cartprobe.history;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest runs of one pair as parallel primitive arrays: per run a start (epoch nanos), a
 * duration (nanos), a verdict byte, a trace id as two longs and one reference that is null for
 * a passing run and shared by identical failures in a row. About 37 bytes a run, where a
 * retained {@link RunRecord} with its Instant, Duration, trace string and Optionals is ~180.
 * A {@link RunRecord} is made only when one is read.
 *
 * <p>The arrays grow by doubling up to the capacity, so a pair that has just started costs what
 * it holds, not a day's worth. Adding to a full ring drops the oldest. Not thread-safe: its
 * owner ({@link PairHistory}) guards it.
 */
final class RunRing {

  static final int FIRST_LENGTH = 64;

  private static final int VERDICT_MASK = 0x3;
  private static final int HEX_TRACE = 0x4;
  private static final Verdict[] VERDICTS = Verdict.values();

  private int capacity;
  private long[] starts = new long[0];
  private long[] durations = new long[0];
  private long[] traceHigh = new long[0];
  private long[] traceLow = new long[0];
  private byte[] flags = new byte[0];
  private RunExtra[] extras = new RunExtra[0];
  private int head; // slot of the oldest run
  private int size;
  private RunDetails lastDetails;

  RunRing(int capacity) {
    this.capacity = check(capacity);
  }

  void add(RunRecord run) {
    RunDetails details = bare(run) ? null : share(RunDetails.of(run));
    int slot;
    if (size < starts.length) {
      slot = (head + size) % starts.length;
      size++;
    } else if (starts.length < capacity) {
      reallocate(Math.min(capacity, Math.max(FIRST_LENGTH, starts.length * 2)));
      slot = size++;
    } else {
      slot = head;
      head = (head + 1) % starts.length;
    }
    starts[slot] = epochNanos(run.startedAt());
    durations[slot] = run.duration().toNanos();
    String trace = run.traceId();
    boolean hex = TraceIds.compact(trace);
    flags[slot] = (byte) (run.verdict().ordinal() | (hex ? HEX_TRACE : 0));
    traceHigh[slot] = hex ? TraceIds.half(trace, 0) : 0;
    traceLow[slot] = hex ? TraceIds.half(trace, 16) : 0;
    extras[slot] = hex || trace.isEmpty()
        ? details
        : new RunExtra.OddTrace(trace, details == null ? RunDetails.NONE : details);
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  /** The length of the arrays now: what the ring costs, as opposed to what it may grow to. */
  int allocated() {
    return starts.length;
  }

  /**
   * What the arrays take, counted from their lengths (a reference as 4 bytes, compressed oops;
   * 16 bytes of header each), without the shared details they point at.
   */
  long arrayBytes() {
    return 6L * 16 + (long) starts.length * (4 * Long.BYTES + 1 + 4);
  }

  /** Start of the i-th run (0 the oldest) in nanos since the epoch. */
  long startNanos(int i) {
    return starts[slot(i)];
  }

  long durationNanos(int i) {
    return durations[slot(i)];
  }

  Verdict verdict(int i) {
    return VERDICTS[flags[slot(i)] & VERDICT_MASK];
  }

  /** The i-th run, 0 being the oldest, made afresh. */
  RunRecord get(int i) {
    int s = slot(i);
    RunExtra extra = extras[s];
    RunDetails d = extra == null ? RunDetails.NONE : extra.details();
    String trace = (flags[s] & HEX_TRACE) != 0 ? TraceIds.text(traceHigh[s], traceLow[s])
        : extra instanceof RunExtra.OddTrace odd ? odd.traceId() : "";
    return new RunRecord(instant(starts[s]), VERDICTS[flags[s] & VERDICT_MASK],
        Duration.ofNanos(durations[s]), d.failedStep(), d.component(), d.reason(), d.message(),
        d.classification(), trace, d.probableCause(), d.httpStatus());
  }

  /** The details object the i-th run holds (null when it has none): sharing is visible here. */
  RunDetails detailsAt(int i) {
    RunExtra extra = extras[slot(i)];
    return extra == null ? null : extra.details();
  }

  /** The newest run, or null when empty. */
  RunRecord newest() {
    return size == 0 ? null : get(size - 1);
  }

  /** The newest {@code n} runs (fewer if there are fewer), oldest first. */
  List<RunRecord> newest(int n) {
    int count = Math.min(Math.max(n, 0), size);
    List<RunRecord> out = new ArrayList<>(count);
    for (int i = size - count; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  List<RunRecord> all() {
    return newest(size);
  }

  /** Index of the oldest run that started at or after {@code nanos} ({@link #size} if none). */
  int firstAtOrAfter(long nanos) {
    int i = size;
    while (i > 0 && startNanos(i - 1) >= nanos) {
      i--;
    }
    return i;
  }

  /** Changes the capacity, keeping the newest runs that fit. */
  void resize(int newCapacity) {
    capacity = check(newCapacity);
    if (starts.length > capacity) {
      reallocate(capacity);
    }
  }

  static long epochNanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** Linearises into arrays of {@code length}, keeping the newest runs that fit. */
  private void reallocate(int length) {
    int keep = Math.min(size, length);
    long[] s = new long[length];
    long[] d = new long[length];
    long[] th = new long[length];
    long[] tl = new long[length];
    byte[] f = new byte[length];
    RunExtra[] e = new RunExtra[length];
    for (int i = 0; i < keep; i++) {
      int from = slot(size - keep + i);
      s[i] = starts[from];
      d[i] = durations[from];
      th[i] = traceHigh[from];
      tl[i] = traceLow[from];
      f[i] = flags[from];
      e[i] = extras[from];
    }
    starts = s;
    durations = d;
    traceHigh = th;
    traceLow = tl;
    flags = f;
    extras = e;
    head = 0;
    size = keep;
  }

  /**
   * The details last added when equal, so a failing streak (or a flapping pair failing the same
   * way each time) holds one object rather than one per run.
   */
  private RunDetails share(RunDetails details) {
    if (details.equals(lastDetails)) {
      return lastDetails;
    }
    lastDetails = details;
    return details;
  }

  private static boolean bare(RunRecord run) {
    return run.failedStep().isEmpty() && run.component().isEmpty() && run.reason().isEmpty()
        && run.message().isEmpty() && run.classification().isEmpty()
        && run.probableCause().isEmpty() && run.httpStatus().isEmpty();
  }

  private int slot(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return (head + i) % starts.length;
  }

  private static int check(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    return capacity;
  }
}
