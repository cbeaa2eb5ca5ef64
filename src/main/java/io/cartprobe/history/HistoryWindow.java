package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything history holds for one pair from an instant on: the body of {@code /api/history}. */
public record HistoryWindow(
    HistoryKey key,
    Instant since,
    List<RunRecord> runs,
    List<ConfigChange> configChanges,
    List<AlertTransition> alertTransitions,
    Optional<Instant> failingSince,
    int capacity) {

  public HistoryWindow {
    runs = List.copyOf(runs);
    configChanges = List.copyOf(configChanges);
    alertTransitions = List.copyOf(alertTransitions);
  }
}
