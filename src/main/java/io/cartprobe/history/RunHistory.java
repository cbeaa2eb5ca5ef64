package io.cartprobe.history;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertEventSink;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ResultSink;
import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last N runs of every probe × environment as compact {@link RunRecord}s, the latest whole
 * {@link ProbeResult} of each (for the step table), and the gateway-config changes and alert
 * transitions next to them. Memory is bounded: each pair is a ring of at most its capacity.
 * With a {@link StoredRuns} (the state database) that ring spans only what the page and the
 * rules read, all but its newest 60 runs compact ({@link HeldRuns}), and {@code /api/history}
 * takes older runs and the compact runs' details from the store.
 *
 * <p>Thread-safe: many runs record at once while the page and {@code /api/history} read. Each
 * pair has its own lock, so recording one pair never waits for another.
 */
public final class RunHistory implements ResultSink, ConfigChangeSink, AlertEventSink {

  /** A day at a 30 s interval. More is rarely looked at and costs memory on every agent. */
  public static final int MAX_DEFAULT_CAPACITY = 2880;

  /** Enough for an hour's strip at a 1 m interval even for probes that run rarely. */
  public static final int MIN_DEFAULT_CAPACITY = 60;

  /** Explicit capacities beyond this are a mistake, not a wish (about 10 MB per pair). */
  public static final int MAX_CAPACITY = 100_000;

  /** The ratio and p95 on the page are over this span. */
  public static final Duration SUMMARY_WINDOW = Duration.ofHours(1);

  /** Runs in a summary's {@code recent}: a strip and a sparkline that fit a phone. */
  public static final int RECENT_RUNS = 60;

  private final Clock clock;
  private final StoredRuns older;
  private final PairCapacities capacities;
  private final Map<HistoryKey, PairHistory> pairs = new ConcurrentHashMap<>();

  public RunHistory(Clock clock) {
    this(clock, MAX_DEFAULT_CAPACITY);
  }

  public RunHistory(Clock clock, int defaultCapacity) {
    this(clock, defaultCapacity, StoredRuns.NONE, Duration.ZERO);
  }

  /** Over a store of every run: memory holds the summary window or the rules' lookback. */
  public RunHistory(Clock clock, int defaultCapacity, StoredRuns older, Duration lookback) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.older = Objects.requireNonNull(older, "older");
    this.capacities = new PairCapacities(defaultCapacity, older != StoredRuns.NONE,
        lookback.compareTo(SUMMARY_WINDOW) > 0 ? lookback : SUMMARY_WINDOW);
  }

  /** A day of runs at this interval, between {@value #MIN_DEFAULT_CAPACITY} and {@value #MAX_DEFAULT_CAPACITY}. */
  public static int capacityFor(Duration interval) {
    return Capacity.day(interval);
  }

  /** Sets how many runs this pair keeps; shrinking drops the oldest. Call on (re)load. */
  public void configure(String probe, String environment, int capacity) {
    configure(new HistoryKey(probe, environment), capacity);
  }

  /**
   * A day of runs at the probe's interval ({@link #capacityFor}); with a store, memory holds
   * only the span the live views and rules read (at least {@value #MIN_DEFAULT_CAPACITY} runs).
   */
  public void configure(HistoryKey key, Duration interval) {
    pair(key).resize(capacities.configure(key, interval));
  }

  public void configure(HistoryKey key, int capacity) {
    pair(key).resize(capacities.configure(key, capacity));
  }

  /** Forgets pairs no longer configured (after a reload), so removed probes do not linger. */
  public void retain(Collection<HistoryKey> keep) {
    Set<HistoryKey> set = Set.copyOf(keep);
    pairs.keySet().retainAll(set);
    capacities.retain(set);
  }

  @Override
  public void accept(ProbeResult result) {
    record(result);
  }

  @Override
  public void accept(ConfigChange change) {
    recordConfigChange(change);
  }

  /** Firing and resolved transitions sit next to the runs; repeats are not news. */
  @Override
  public void accept(AlertEvent event) {
    AlertTransition.State state = switch (event.kind()) {
      case FIRING -> AlertTransition.State.FIRING;
      case RESOLVED -> AlertTransition.State.RESOLVED;
      case REPEAT -> null;
    };
    if (state != null) {
      pair(new HistoryKey(event.probe(), event.env(), event.variant())).add(
          new AlertTransition(event.alert(), event.probe(), event.env(), state, event.at()));
    }
  }

  public void record(ProbeResult result) {
    pair(new HistoryKey(result.probe(), result.environment(), result.variant())).record(result);
  }

  /** A gateway-config probe saw watched fields change (the watch calls this). */
  public void recordConfigChange(ConfigChange change) {
    pair(new HistoryKey(change.probe(), change.environment())).add(change);
  }

  public void recordConfigChange(String probe, String environment, Instant at,
      List<FieldChange> changes) {
    recordConfigChange(new ConfigChange(probe, environment, at, changes));
  }

  /** An alert instance started or stopped firing (the alert engine calls this). */
  public void recordAlert(AlertTransition transition) {
    pair(new HistoryKey(transition.probe(), transition.environment())).add(transition);
  }

  public void recordAlert(String alert, String probe, String environment,
      AlertTransition.State state, Instant at) {
    recordAlert(new AlertTransition(alert, probe, environment, state, at));
  }

  /** The summary now; a pair never seen gives an empty ("no data yet") summary. */
  public PairSummary summary(String probe, String environment) {
    return summary(new HistoryKey(probe, environment));
  }

  public PairSummary summary(HistoryKey key) {
    PairHistory pair = pairs.get(key);
    Instant now = clock.instant();
    return pair == null
        ? PairSummary.empty(key, now, SUMMARY_WINDOW, capacityOf(key))
        : pair.summary(now, SUMMARY_WINDOW, RECENT_RUNS);
  }

  /** Summaries of every pair history holds, by probe then environment. */
  public List<PairSummary> summaries() {
    return keys().stream().map(this::summary).toList();
  }

  public List<HistoryKey> keys() {
    return pairs.keySet().stream().sorted().toList();
  }

  /** Where the pair stands now; {@link PairState#EMPTY} for a pair never seen. */
  public PairState state(String probe, String environment) {
    return state(new HistoryKey(probe, environment));
  }

  public PairState state(HistoryKey key) {
    return Optional.ofNullable(pairs.get(key)).map(PairHistory::state).orElse(PairState.EMPTY);
  }

  public Optional<ProbeResult> latest(String probe, String environment) {
    return latest(new HistoryKey(probe, environment));
  }

  public Optional<ProbeResult> latest(HistoryKey key) {
    return Optional.ofNullable(pairs.get(key)).flatMap(PairHistory::latest);
  }

  /**
   * Every run held for the pair, oldest first. With a store, runs older than the newest 60 come
   * without details or trace id (memory holds their numbers only; {@link #window} has them).
   */
  public List<RunRecord> records(String probe, String environment) {
    return records(new HistoryKey(probe, environment));
  }

  public List<RunRecord> records(HistoryKey key) {
    return Optional.ofNullable(pairs.get(key)).map(PairHistory::runs).orElse(List.of());
  }

  /** Runs that started at or after {@code from}, oldest first. */
  public List<RunRecord> since(String probe, String environment, Instant from) {
    return window(probe, environment, from).runs();
  }

  /** Runs, config changes and alert transitions at or after {@code from}. */
  public HistoryWindow window(String probe, String environment, Instant from) {
    return window(new HistoryKey(probe, environment), from);
  }

  public HistoryWindow window(HistoryKey key, Instant from) {
    PairHistory pair = pairs.get(key);
    PairHistory.Held held = pair == null ? PairHistory.Held.empty(key, from, capacityOf(key))
        : pair.held(from);
    // With a store even an explicit capacity holds compact runs, whose details it answers for.
    return older == StoredRuns.NONE ? held.window() : OlderRuns.before(held, older,
        capacities.answered(key), clock.instant());
  }

  public List<ConfigChange> configChanges(String probe, String environment) {
    return Optional.ofNullable(pairs.get(new HistoryKey(probe, environment)))
        .map(PairHistory::configChanges).orElse(List.of());
  }

  public List<AlertTransition> alertTransitions(String probe, String environment) {
    return alertTransitions(new HistoryKey(probe, environment));
  }

  public List<AlertTransition> alertTransitions(HistoryKey key) {
    return Optional.ofNullable(pairs.get(key)).map(PairHistory::alertTransitions)
        .orElse(List.of());
  }

  public Clock clock() {
    return clock;
  }

  /** Everything held, as JSON for the agent's state file. */
  public JsonNode snapshot() {
    return SnapshotJson.write(keys().stream().map(pairs::get).filter(Objects::nonNull).toList());
  }

  /**
   * Loads a {@link #snapshot()}, replacing what is held for the pairs it names. Entries that do
   * not parse are skipped, not fatal: a state file from another version must not stop the agent.
   *
   * @return how many pairs were restored
   */
  public int restore(JsonNode snapshot) {
    List<SavedPair> restored = readSnapshot(snapshot);
    restored.forEach(this::restore);
    return restored.size();
  }

  /** The pairs of a {@link #snapshot()} (the 0.1 state file's "history"), for an import. */
  public static List<SavedPair> readSnapshot(JsonNode snapshot) {
    return SnapshotJson.read(snapshot).stream().map(p -> new SavedPair(p.key(), p.capacity(),
        p.failingSince(), p.consecutiveFailures(), p.records(), p.changes(), p.alertTransitions(),
        p.latest())).toList();
  }

  /** Replaces what is held for this pair with what a store kept. */
  public void restore(SavedPair p) {
    PairHistory pair = new PairHistory(p.key(), capacities.restored(p.key(), p.capacity()),
        older != StoredRuns.NONE);
    p.runs().forEach(pair::add);
    // The ring may start mid-streak; the saved streak knows when it began.
    pair.restoreStreak(p.failingSince(), p.consecutiveFailures());
    p.configChanges().forEach(pair::add);
    p.alertTransitions().forEach(pair::add);
    p.latest().ifPresent(pair::restoreLatest);
    pairs.put(p.key(), pair);
  }

  /** The ring size of this pair: what a store loads at most. */
  public int capacity(HistoryKey key) {
    return capacityOf(key);
  }

  private PairHistory pair(HistoryKey key) {
    return pairs.computeIfAbsent(key, k -> new PairHistory(k, capacityOf(k),
        older != StoredRuns.NONE));
  }

  private int capacityOf(HistoryKey key) {
    return capacities.of(key);
  }
}
