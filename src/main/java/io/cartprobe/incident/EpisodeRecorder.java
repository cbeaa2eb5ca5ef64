package io.cartprobe.incident;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertEventSink;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.Failure;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.result.StepExchange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the evidence episodes: an alert's first firing notification opens one (its id is the
 * notification's {@code episodeId}), each failed run of the pair while it fires adds to it, the
 * resolution closes it. Sees results before alerting does (so the runs that made it fire are
 * there) and keeps only what the page shows: bounded streaks, the latest verdict of every pair,
 * recent config changes. Results arrive already redacted. Thread-safe.
 */
public final class EpisodeRecorder implements ResultSink, ConfigChangeSink, AlertEventSink {

  /** Changes this long before the failures began are shown: attribution looks as far back. */
  static final Duration CHANGE_LOOKBACK = Duration.ofMinutes(30);
  private static final int CHANGES_KEPT = 32;

  private record Pair(String probe, String env, String variant) {}

  private final EpisodeStore store;
  private final Map<Pair, Deque<Episode.FailedRun>> streaks = new HashMap<>();
  private final Map<Pair, ProbeResult> lastFailed = new HashMap<>();
  private final Map<Pair, Episode.PairHealth> latest = new LinkedHashMap<>();
  private final Map<String, Deque<ConfigChange>> changes = new HashMap<>();
  private final Map<Pair, Set<String>> open = new HashMap<>();

  public EpisodeRecorder(EpisodeStore store) {
    this.store = store;
    for (Episode e : store.newest()) {
      if (e.closedAt().isEmpty()) {
        open.computeIfAbsent(new Pair(e.probe(), e.environment(), e.variant()),
            p -> new LinkedHashSet<>())
            .add(e.id());
      }
    }
  }

  @Override
  public void accept(ProbeResult result) {
    List<Episode> updated = new ArrayList<>();
    synchronized (this) {
      Pair pair = new Pair(result.probe(), result.environment(), result.variant());
      latest.put(pair, new Episode.PairHealth(result.probe(), result.environment(),
          result.variant(),
          result.verdict().name().toLowerCase(java.util.Locale.ROOT), result.startedAt()));
      if (!result.failed()) {
        streaks.remove(pair);
        return;
      }
      Deque<Episode.FailedRun> streak = streaks.computeIfAbsent(pair, p -> new ArrayDeque<>());
      streak.addLast(run(result));
      while (streak.size() > Episode.MAX_RUNS) {
        streak.removeFirst();
      }
      lastFailed.put(pair, result);
      for (String id : open.getOrDefault(pair, Set.of())) {
        store.find(id).ifPresent(e -> updated.add(refreshed(e, pair, true)));
      }
    }
    updated.forEach(store::save);
  }

  @Override
  public synchronized void accept(ConfigChange change) {
    Deque<ConfigChange> kept = changes.computeIfAbsent(change.environment(), e -> new ArrayDeque<>());
    kept.addLast(change);
    while (kept.size() > CHANGES_KEPT) {
      kept.removeFirst();
    }
  }

  @Override
  public void accept(AlertEvent event) {
    Optional<Episode> saved;
    synchronized (this) {
      Pair pair = new Pair(event.probe(), event.env(), event.variant());
      String id = event.episodeId();
      Optional<Episode> existing = store.find(id);
      if (event.resolved()) {
        open.getOrDefault(pair, new LinkedHashSet<>()).remove(id);
        saved = existing.map(e -> e.closed(event.endsAt().orElse(event.at())));
      } else {
        open.computeIfAbsent(pair, p -> new LinkedHashSet<>()).add(id);
        Episode base = existing.orElseGet(() -> new Episode(id, event.alert(), event.severity(),
            event.probe(), event.env(), event.variant(), event.startsAt(), Optional.empty(),
            event.failuresBegan(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
            event.probableCause().map(ProbableCause::summary).or(event::causeNote)));
        saved = Optional.of(refreshed(base, pair, existing.isEmpty()));
      }
    }
    saved.ifPresent(store::save);
  }

  /**
   * The episode with the pair's latest evidence; {@code addRuns} takes the current streak's
   * runs it does not have yet.
   */
  private Episode refreshed(Episode e, Pair pair, boolean addRuns) {
    List<Episode.FailedRun> runs = new ArrayList<>(e.failedRuns());
    if (addRuns) {
      for (Episode.FailedRun r : streaks.getOrDefault(pair, new ArrayDeque<>())) {
        if (runs.stream().noneMatch(known -> known.traceId().equals(r.traceId())
            && known.at().equals(r.at()))) {
          runs.add(r);
        }
      }
      while (runs.size() > Episode.MAX_RUNS) {
        runs.removeFirst();
      }
    }
    Optional<ProbeResult> failed = Optional.ofNullable(lastFailed.get(pair));
    List<Episode.PairHealth> contrast = latest.entrySet().stream()
        .filter(x -> x.getKey().probe().equals(pair.probe()) && !x.getKey().equals(pair))
        .map(Map.Entry::getValue).toList();
    List<ConfigChange> window = changes.getOrDefault(pair.env(), new ArrayDeque<>()).stream()
        .filter(c -> !c.at().isBefore(e.firstFailure().minus(CHANGE_LOOKBACK))).toList();
    return new Episode(e.id(), e.alert(), e.severity(), e.probe(), e.environment(), e.variant(),
        e.openedAt(), e.closedAt(), e.firstFailure(), runs,
        failed.flatMap(EpisodeRecorder::failingStep).or(e::failingStep), contrast, window,
        failed.map(ProbeResult::providerStatus).filter(p -> !p.isEmpty())
            .orElse(e.providerStatus()),
        failed.flatMap(ProbeResult::probableCause).map(ProbableCause::summary)
            .or(e::probableCause));
  }

  private static Episode.FailedRun run(ProbeResult r) {
    Failure f = r.failure().orElseThrow();
    return new Episode.FailedRun(r.startedAt(), r.traceId(), f.step(), f.component(),
        f.reason().wireName(), f.message());
  }

  private static Optional<Episode.FailingStep> failingStep(ProbeResult r) {
    Failure f = r.failure().orElseThrow();
    // Without an answer (refused, timed out) there is only what was asked for.
    return r.steps().stream().filter(s -> s.name().equals(f.step())).findFirst()
        .map(s -> s.exchange().orElseGet(() -> new StepExchange(s.method(), s.url(), Map.of(), "",
            s.httpStatus(), Map.of(), s.bodyExcerpt().orElse(""))))
        .map(x -> new Episode.FailingStep(f.step(), f.component(), f.reason().wireName(),
            f.message(), x));
  }
}
