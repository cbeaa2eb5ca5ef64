package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * History of one probe × environment. Every method holds the instance's monitor: records arrive
 * from the pair's run (and from the alert engine and the watch) while the page reads, and each
 * read must see one consistent picture. Critical sections are short and never block on I/O, so
 * a monitor is the simplest correct choice (Java 25 virtual threads do not pin on it).
 */
final class PairHistory {

  /** Config changes and alert transitions are rare; a few dozen tell the recent story. */
  static final int EVENT_CAPACITY = 100;

  private final HistoryKey key;
  private final HeldRuns runs;
  private final Ring<ConfigChange> configChanges = new Ring<>(EVENT_CAPACITY);
  private final Ring<AlertTransition> alertTransitions = new Ring<>(EVENT_CAPACITY);
  private ProbeResult latest;
  // Kept apart from the ring so "failing since" stays right after the streak outgrows it.
  private Instant failingSince;
  private int consecutiveFailures;
  private PairState.RunCounts counts = PairState.RunCounts.ZERO;

  /** {@code stored}: a state database keeps every run, so older ones are held compact. */
  PairHistory(HistoryKey key, int capacity, boolean stored) {
    this.key = key;
    this.runs = new HeldRuns(capacity, stored);
  }

  /**
   * A window of the runs held and how many of its oldest are compact (no details, no trace id),
   * with the start of the oldest run held in full: what the database answers for is older.
   */
  record Held(HistoryWindow window, int compact, Instant detailedSince) {

    static Held empty(HistoryKey key, Instant from, int capacity) {
      return new Held(new HistoryWindow(key, from, List.of(), List.of(), List.of(),
          Optional.empty(), capacity), 0, null);
    }
  }

  HistoryKey key() {
    return key;
  }

  synchronized void record(ProbeResult result) {
    add(RunRecord.of(result));
    counts = counts.plus(result.verdict());
    if (latest == null || !result.startedAt().isBefore(latest.startedAt())) {
      latest = result;
    }
  }

  synchronized void add(RunRecord run) {
    runs.add(run);
    if (run.failed()) {
      if (failingSince == null) {
        failingSince = run.startedAt();
      }
      consecutiveFailures++;
    } else {
      failingSince = null;
      consecutiveFailures = 0;
    }
  }

  synchronized void add(ConfigChange change) {
    configChanges.add(change);
  }

  synchronized void add(AlertTransition transition) {
    alertTransitions.add(transition);
  }

  synchronized void resize(int capacity) {
    runs.resize(capacity);
  }

  synchronized int capacity() {
    return runs.capacity();
  }

  synchronized int size() {
    return runs.size();
  }

  synchronized Optional<ProbeResult> latest() {
    return Optional.ofNullable(latest);
  }

  synchronized List<RunRecord> runs() {
    return runs.all();
  }

  synchronized List<ConfigChange> configChanges() {
    return configChanges.all();
  }

  synchronized List<AlertTransition> alertTransitions() {
    return alertTransitions.all();
  }

  synchronized Optional<Instant> failingSince() {
    return Optional.ofNullable(failingSince);
  }

  synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** One consistent picture of where the pair stands, for status and the run log. */
  synchronized PairState state() {
    Verdict previous = runs.size() >= 2 ? runs.verdict(runs.size() - 2) : null;
    return new PairState(Optional.ofNullable(latest),
        Optional.ofNullable(previous), counts, consecutiveFailures,
        Optional.ofNullable(failingSince));
  }

  /** Restores a streak read from a snapshot (the ring alone may not reach back far enough). */
  synchronized void restoreStreak(Optional<Instant> since, int failures) {
    failingSince = since.orElse(null);
    consecutiveFailures = since.isPresent() ? Math.max(failures, 1) : 0;
  }

  synchronized void restoreLatest(ProbeResult result) {
    latest = result;
  }

  synchronized PairSummary summary(Instant now, Duration window, int recentCount) {
    RunRecord last = runs.newest();
    if (last == null) {
      PairSummary empty = PairSummary.empty(key, now, window, runs.capacity());
      return lastConfigChange().map(c -> withChange(empty, c)).orElse(empty);
    }
    long from = RunRing.epochNanos(now.minus(window));
    long to = RunRing.epochNanos(now);
    long[] durations = new long[runs.size()];
    int inWindow = 0;
    int passed = 0;
    // Newest first, stopping at the window's edge: a page render costs an hour, not a day.
    for (int i = runs.size() - 1; i >= 0; i--) {
      long start = runs.startNanos(i);
      if (start < from) {
        break;
      }
      if (start <= to) {
        durations[inWindow++] = runs.durationNanos(i);
        passed += runs.verdict(i) == Verdict.FAILURE ? 0 : 1;
      }
    }
    return new PairSummary(
        key,
        now,
        Optional.of(last),
        Optional.of(Duration.between(last.startedAt(), now)).filter(d -> !d.isNegative())
            .or(() -> Optional.of(Duration.ZERO)),
        window,
        inWindow,
        Stats.successRatio(passed, inWindow),
        Stats.percentile(durations, inWindow, 95),
        runs.newest(recentCount),
        Optional.ofNullable(failingSince),
        consecutiveFailures,
        lastConfigChange(),
        runs.size(),
        runs.capacity());
  }

  private Optional<ConfigChange> lastConfigChange() {
    return Optional.ofNullable(configChanges.newest());
  }

  private static PairSummary withChange(PairSummary s, ConfigChange change) {
    return new PairSummary(s.key(), s.at(), s.last(), s.lastRunAge(), s.window(),
        s.runsInWindow(), s.successRatio(), s.p95(), s.recent(), s.failingSince(),
        s.consecutiveFailures(), Optional.of(change), s.stored(), s.capacity());
  }

  synchronized Held held(Instant from) {
    long fromNanos = RunRing.epochNanos(from);
    List<RunRecord> inWindow = new java.util.ArrayList<>();
    int compact = 0;
    for (int i = 0; i < runs.size(); i++) {
      if (runs.startNanos(i) >= fromNanos) {
        inWindow.add(runs.get(i));
        compact += i < runs.compactSize() ? 1 : 0;
      }
    }
    int firstFull = runs.compactSize();
    Instant detailedSince = firstFull < runs.size()
        ? RunRing.instant(runs.startNanos(firstFull)) : null;
    return new Held(new HistoryWindow(
        key,
        from,
        inWindow,
        configChanges.all().stream().filter(c -> !c.at().isBefore(from)).toList(),
        alertTransitions.all().stream().filter(a -> !a.at().isBefore(from)).toList(),
        Optional.ofNullable(failingSince),
        runs.capacity()), compact, detailedSince);
  }
}
