package io.cartprobe.history;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One pair's history as a store keeps it, to put back with {@link RunHistory#restore(SavedPair)}.
 *
 * @param capacity the ring size it was kept with; 0 when unknown (the configured one applies)
 * @param runs oldest first
 */
public record SavedPair(
    HistoryKey key,
    int capacity,
    Optional<Instant> failingSince,
    int consecutiveFailures,
    List<RunRecord> runs,
    List<ConfigChange> configChanges,
    List<AlertTransition> alertTransitions,
    Optional<ProbeResult> latest) {

  public SavedPair {
    runs = List.copyOf(runs);
    configChanges = List.copyOf(configChanges);
    alertTransitions = List.copyOf(alertTransitions);
  }
}
