package io.cartprobe.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The recent runs of one (probe, environment), newest last, bounded both by age (the longest
 * window of any rule on the pair) and by count (the longest run streak any rule looks at, plus a
 * hard cap so a 1s interval with a 1d window cannot grow without end).
 */
final class RuleWindow {

  /** A probe every second over a day is 86 400 runs; windows that long are sampled as this many. */
  static final int HARD_CAP = 20_000;

  private final Deque<WindowRun> runs = new ArrayDeque<>();
  private final Duration keepFor;
  private final int keepAtLeast;

  RuleWindow(Duration keepFor, int keepAtLeast) {
    this.keepFor = keepFor;
    this.keepAtLeast = Math.min(keepAtLeast, HARD_CAP);
  }

  void add(WindowRun run) {
    runs.addLast(run);
    Instant horizon = run.at().minus(keepFor);
    while (runs.size() > HARD_CAP
        || (runs.size() > keepAtLeast && runs.peekFirst().at().isBefore(horizon))) {
      runs.removeFirst();
    }
  }

  int size() {
    return runs.size();
  }

  WindowRun latest() {
    return runs.peekLast();
  }

  /** Runs started after {@code now - window}, oldest first. */
  List<WindowRun> within(Instant now, Duration window) {
    Instant from = now.minus(window);
    List<WindowRun> inWindow = new ArrayList<>();
    for (WindowRun run : runs) {
      if (run.at().isAfter(from)) {
        inWindow.add(run);
      }
    }
    return inWindow;
  }

  /** The trailing failed runs, oldest first (empty when the latest run did not fail). */
  List<WindowRun> failureStreak() {
    List<WindowRun> streak = new ArrayList<>();
    Iterator<WindowRun> newestFirst = runs.descendingIterator();
    while (newestFirst.hasNext()) {
      WindowRun run = newestFirst.next();
      if (!run.failed()) {
        break;
      }
      streak.addFirst(run);
    }
    return streak;
  }
}
