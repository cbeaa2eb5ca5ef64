package io.cartprobe.agent;

import io.cartprobe.alert.Alerting;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.state.AgentState;
import io.cartprobe.watch.ConfigWatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the agent reads its state database back at start and where its durable copy goes. */
final class DurableState {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private DurableState() {}

  /**
   * Reads back, per configured pair, what the status page and the alert rules look at: the
   * summary window or the rules' longest lookback, and at least the longest streak they count.
   */
  static void restoreHistory(AgentState saved, RunHistory history, List<HistoryKey> pairs,
      CartprobeConfig config, Clock clock) {
    Duration back = max(RunHistory.SUMMARY_WINDOW, Alerting.longestLookback(config));
    saved.restoreHistory(history, pairs, clock.instant().minus(back),
        Math.max(RunHistory.RECENT_RUNS, Alerting.longestStreak(config)));
  }

  static void restoreWatch(ConfigWatch watch, AgentState saved) {
    try {
      watch.restore(saved.watch());
    } catch (IOException e) {
      log.error("state file {}: {}; config baselines start afresh", saved.path(), e.getMessage());
    }
  }

  /** The durable copy goes right after the in-memory history it reads the pair's state from. */
  @SafeVarargs
  static <T> List<T> withSaved(List<T> before, Optional<? extends T> saved, T... after) {
    List<T> all = new ArrayList<>(before);
    saved.ifPresent(all::add);
    all.addAll(List.of(after));
    return all;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
