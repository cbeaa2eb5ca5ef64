package io.cartprobe.statuspage;

import io.cartprobe.history.AlertTransition;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code GET /probes/NAME/ENV} shows: the row, its latest run in full (in
 * {@link StatusRow#latest()}), its recent runs and the events around them.
 *
 * @param recentRuns newest runs, oldest first (the page shows them newest first)
 */
public record ProbeDetailView(
    Map<String, String> agentLabels,
    String version,
    Instant generatedAt,
    Duration refresh,
    StatusRow row,
    List<RunRecord> recentRuns,
    List<ConfigChange> configChanges,
    List<AlertTransition> alertTransitions) {

  /** Runs listed on the detail page: enough to see a flap, short enough for a phone. */
  public static final int RECENT_RUNS = 30;

  public ProbeDetailView {
    agentLabels = Map.copyOf(agentLabels);
    recentRuns = List.copyOf(recentRuns);
    configChanges = List.copyOf(configChanges);
    alertTransitions = List.copyOf(alertTransitions);
  }

  /** The view for a row, with its runs and events taken from history. */
  public static ProbeDetailView from(RunHistory history, StatusView status, StatusRow row) {
    List<RunRecord> runs = history.records(row.key());
    return new ProbeDetailView(status.agentLabels(), status.version(), status.generatedAt(),
        status.refresh(), row, runs.subList(Math.max(0, runs.size() - RECENT_RUNS), runs.size()),
        history.configChanges(row.probe(), row.environment()),
        history.alertTransitions(row.key()));
  }
}
