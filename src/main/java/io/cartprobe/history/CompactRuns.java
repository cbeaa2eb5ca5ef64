package io.cartprobe.history;

import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a pair's ring holds only as numbers: 3 ints (12 bytes) a run, one array of them. Used
 * with a state database for the runs older than the newest {@link HeldRuns#FULL_RUNS}: the live
 * views read only start, verdict and duration of those (summary ratio and p95, SLO and rule
 * recall), and {@code /api/history} reads their details and trace ids from the database.
 *
 * <p>Per run: the start's epoch second (unsigned, so up to 2106), the duration in microseconds
 * (saturating at {@value #MAX_DURATION_MICROS}, ~35 minutes; no run is allowed that long), and
 * the verdict with the start's microsecond of the second packed in one int. Start and duration
 * are exact to the microsecond, which is finer than any window edge or p95 the views show.
 *
 * <p>Grows by doubling up to the capacity; adding to a full ring drops the oldest. Not
 * thread-safe: its owner ({@link PairHistory}) guards it.
 */
final class CompactRuns {

  static final int FIRST_LENGTH = 64;
  static final int MAX_DURATION_MICROS = Integer.MAX_VALUE;
  static final long MAX_EPOCH_SECOND = 0xFFFF_FFFFL;

  private static final int INTS = 3;
  private static final int VERDICT_BITS = 2;
  private static final int VERDICT_MASK = (1 << VERDICT_BITS) - 1;
  private static final Verdict[] VERDICTS = Verdict.values();

  private int capacity;
  private int[] runs = new int[0]; // per run: epoch second, duration micros, verdict | micros<<2
  private int head; // run index of the oldest
  private int size;

  CompactRuns(int capacity) {
    this.capacity = check(capacity);
  }

  /** Appends a run, dropping the oldest when full. Out-of-range values saturate. */
  void add(long startNanos, long durationNanos, Verdict verdict) {
    int slot;
    int length = runs.length / INTS;
    if (size < length) {
      slot = (head + size) % length;
      size++;
    } else if (length < capacity) {
      reallocate(Math.min(capacity, Math.max(FIRST_LENGTH, length * 2)));
      slot = size++;
    } else {
      slot = head;
      head = (head + 1) % length;
    }
    long second = Math.clamp(Math.floorDiv(startNanos, 1_000_000_000L), 0, MAX_EPOCH_SECOND);
    int micros = (int) (Math.floorMod(startNanos, 1_000_000_000L) / 1_000);
    int at = slot * INTS;
    runs[at] = (int) second;
    runs[at + 1] = (int) Math.clamp(durationNanos / 1_000, 0, MAX_DURATION_MICROS);
    runs[at + 2] = verdict.ordinal() | micros << VERDICT_BITS;
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  int allocated() {
    return runs.length / INTS;
  }

  /** What the array takes: 16 bytes of header and 12 a run allocated. */
  long arrayBytes() {
    return 16 + (long) runs.length * Integer.BYTES;
  }

  /** Start of the i-th run (0 the oldest) in nanos since the epoch, to the microsecond. */
  long startNanos(int i) {
    int at = slot(i) * INTS;
    return Integer.toUnsignedLong(runs[at]) * 1_000_000_000L
        + (long) (runs[at + 2] >>> VERDICT_BITS) * 1_000;
  }

  long durationNanos(int i) {
    return runs[slot(i) * INTS + 1] * 1_000L;
  }

  Verdict verdict(int i) {
    return VERDICTS[runs[slot(i) * INTS + 2] & VERDICT_MASK];
  }

  /** The i-th run as a record without details or trace id: what memory knows of it. */
  RunRecord get(int i) {
    return new RunRecord(RunRing.instant(startNanos(i)), verdict(i),
        Duration.ofNanos(durationNanos(i)), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), "", Optional.empty(), Optional.empty());
  }

  /** Changes the capacity, keeping the newest runs that fit. */
  void resize(int newCapacity) {
    capacity = check(newCapacity);
    if (runs.length / INTS > capacity) {
      reallocate(capacity);
    }
  }

  private void reallocate(int length) {
    int keep = Math.min(size, length);
    int[] moved = new int[length * INTS];
    for (int i = 0; i < keep; i++) {
      System.arraycopy(runs, slot(size - keep + i) * INTS, moved, i * INTS, INTS);
    }
    runs = moved;
    head = 0;
    size = keep;
  }

  private int slot(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return (head + i) % (runs.length / INTS);
  }

  private static int check(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    return capacity;
  }
}
