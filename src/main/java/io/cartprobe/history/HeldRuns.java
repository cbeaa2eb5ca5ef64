package io.cartprobe.history;

import io.cartprobe.result.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs memory holds for one pair, oldest first, as one sequence over two rings. Without a
 * state database all of them are in a {@link RunRing} (~37 bytes a run, details and trace id
 * included). With one, every run is also committed there, so only the newest
 * {@value #FULL_RUNS} (what the strip, the sparkline and the detail page show with their
 * details) stay in the {@link RunRing}; older ones move to {@link CompactRuns} (12 bytes a
 * run) and {@code /api/history} reads their details back from the database ({@link OlderRuns}).
 *
 * <p>Not thread-safe: its owner ({@link PairHistory}) guards it.
 */
final class HeldRuns {

  /** The summary's recent runs: what a view shows with failure details. */
  static final int FULL_RUNS = RunHistory.RECENT_RUNS;

  private final boolean split;
  private int capacity;
  private final RunRing full;
  private CompactRuns compact; // null while the capacity leaves it no room

  /**
   * @param split whether a state database keeps every run, so older ones may lose their
   *     details in memory
   */
  HeldRuns(int capacity, boolean split) {
    this.split = split;
    this.capacity = capacity;
    this.full = new RunRing(fullCapacity(capacity));
    this.compact = compactRing(capacity, null);
  }

  void add(RunRecord run) {
    if (compact != null && full.size() == full.capacity()) {
      compact.add(full.startNanos(0), full.durationNanos(0), full.verdict(0));
    }
    full.add(run);
  }

  int size() {
    return compactSize() + full.size();
  }

  int capacity() {
    return capacity;
  }

  /** How many of the oldest runs are held without details (0 without a state database). */
  int compactSize() {
    return compact == null ? 0 : compact.size();
  }

  /** What the arrays take, without the shared details the full ring points at. */
  long arrayBytes() {
    return full.arrayBytes() + (compact == null ? 0 : compact.arrayBytes());
  }

  long startNanos(int i) {
    int c = compactSize();
    return i < c ? compact.startNanos(i) : full.startNanos(i - c);
  }

  long durationNanos(int i) {
    int c = compactSize();
    return i < c ? compact.durationNanos(i) : full.durationNanos(i - c);
  }

  Verdict verdict(int i) {
    int c = compactSize();
    return i < c ? compact.verdict(i) : full.verdict(i - c);
  }

  /** The i-th run, 0 the oldest; a compact one has no details and no trace id. */
  RunRecord get(int i) {
    int c = compactSize();
    return i < c ? compact.get(i) : full.get(i - c);
  }

  RunRecord newest() {
    return full.newest();
  }

  /** The newest {@code n} runs (fewer if there are fewer), oldest first. */
  List<RunRecord> newest(int n) {
    int count = Math.min(Math.max(n, 0), size());
    List<RunRecord> out = new ArrayList<>(count);
    for (int i = size() - count; i < size(); i++) {
      out.add(get(i));
    }
    return out;
  }

  List<RunRecord> all() {
    return newest(size());
  }

  /** Changes the capacity, keeping the newest runs that fit. */
  void resize(int newCapacity) {
    capacity = newCapacity;
    full.resize(fullCapacity(newCapacity));
    compact = compactRing(newCapacity, compact);
  }

  private int fullCapacity(int total) {
    return split ? Math.min(FULL_RUNS, total) : total;
  }

  private CompactRuns compactRing(int total, CompactRuns current) {
    int room = total - fullCapacity(total);
    if (room <= 0) {
      return null;
    }
    if (current == null) {
      return new CompactRuns(room);
    }
    current.resize(room);
    return current;
  }
}
