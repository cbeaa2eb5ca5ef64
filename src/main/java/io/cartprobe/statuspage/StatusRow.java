package io.cartprobe.statuspage;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.PairSummary;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe × environment as the page shows it. The agent fills it (usually with
 * {@link #from}); the page only renders.
 *
 * @param type the probe type ({@code checkout}, {@code gateway-config})
 * @param latest the latest whole result, for the failing step and the detail page's step table
 * @param firingAlerts names of the alerts firing for this pair now
 * @param silenceReason the silence's reason when {@code silenced}
 * @param lastConfigChange the newest watched-config change relevant to the pair, with its diff
 * @param probableCause who probably broke it (from the latest failed result)
 */
public record StatusRow(
    String probe,
    String environment,
    String type,
    StatusState state,
    PairSummary summary,
    Optional<ProbeResult> latest,
    List<String> firingAlerts,
    boolean silenced,
    Optional<String> silenceReason,
    Optional<ConfigChange> lastConfigChange,
    Optional<ProbableCause> probableCause) {

  /** Failing first, then degraded, silenced, no data, passing; by name within a state. */
  public static final Comparator<StatusRow> PAGE_ORDER = Comparator
      .comparing(StatusRow::state)
      .thenComparing(StatusRow::probe)
      .thenComparing(StatusRow::environment);

  public StatusRow {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(summary, "summary");
    firingAlerts = List.copyOf(firingAlerts);
  }

  /**
   * A row from history. The state follows the last verdict (or silenced); the probable cause is
   * the latest result's when that run failed; the config change is the pair's own, else, while
   * the pair is failing or degraded, the newest one any pair of the same environment saw (for a
   * checkout row, the gateway's).
   *
   * @param silence the reason of the silence covering the pair now, empty when none does
   */
  public static StatusRow from(RunHistory history, String probe, String environment, String type,
      List<String> firingAlerts, Optional<String> silence) {
    PairSummary summary = history.summary(probe, environment);
    Optional<ProbeResult> latest = history.latest(probe, environment);
    // Another pair's change (the gateway's, for a checkout) is context only while this pair is
    // not passing: on a healthy row it would be noise repeated on every card of the environment.
    boolean troubled = summary.lastVerdict().filter(v -> v != Verdict.SUCCESS).isPresent();
    Optional<ConfigChange> change = summary.lastConfigChange().or(() -> history.keys().stream()
        .filter(k -> troubled && k.environment().equals(environment))
        .map(HistoryKey::probe)
        .flatMap(p -> history.configChanges(p, environment).stream())
        .max(Comparator.comparing(ConfigChange::at)));
    return new StatusRow(probe, environment, type,
        StatusState.of(summary.lastVerdict(), silence.isPresent()), summary, latest,
        firingAlerts, silence.isPresent(), silence, change,
        latest.filter(ProbeResult::failed).flatMap(ProbeResult::probableCause));
  }

  public String path() {
    return Links.probePath(probe, environment);
  }
}
