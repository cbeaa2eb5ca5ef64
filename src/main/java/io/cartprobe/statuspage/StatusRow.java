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
 * @param variant for a probe with a matrix, the variant whose runs the row shows (the first
 *     failing one, else the first); {@code ""} without a matrix
 * @param variants for a probe with a matrix, every variant's state, in the matrix's order: the
 *     row stands for all of them
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
    Optional<ProbableCause> probableCause,
    String variant,
    List<VariantState> variants) {

  /** One variant of a grouped row. */
  public record VariantState(String id, StatusState state) {}

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
    variant = variant == null ? "" : variant;
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  public StatusRow(String probe, String environment, String type, StatusState state,
      PairSummary summary, Optional<ProbeResult> latest, List<String> firingAlerts,
      boolean silenced, Optional<String> silenceReason, Optional<ConfigChange> lastConfigChange,
      Optional<ProbableCause> probableCause) {
    this(probe, environment, type, state, summary, latest, firingAlerts, silenced, silenceReason,
        lastConfigChange, probableCause, "", List.of());
  }

  /**
   * One row for all variants of a probe in an environment: the worst variant's state and runs,
   * every firing alert of any variant, and each variant's own state.
   */
  public static StatusRow grouped(RunHistory history, String probe, String environment,
      String type, List<String> variantIds, List<String> firingAlerts, Optional<String> silence) {
    List<StatusRow> each = variantIds.stream().map(v -> from(history,
        new HistoryKey(probe, environment, v), type, List.of(), silence)).toList();
    StatusRow shown = each.stream().min(Comparator.comparing(StatusRow::state)).orElseThrow();
    return new StatusRow(probe, environment, type, shown.state, shown.summary, shown.latest,
        firingAlerts, shown.silenced, shown.silenceReason, shown.lastConfigChange,
        shown.probableCause, shown.variant,
        each.stream().map(r -> new VariantState(r.variant, r.state)).toList());
  }

  /** {@code 1 of 3 variants failing: amex}, or {@code 3 variants: visa, mastercard, amex}. */
  public Optional<String> variantsLine() {
    if (variants.isEmpty()) {
      return Optional.empty();
    }
    List<String> failing = variants.stream().filter(v -> v.state() == StatusState.FAILING)
        .map(VariantState::id).toList();
    return Optional.of(failing.isEmpty()
        ? variants.size() + " variants: " + String.join(", ", variants.stream().map(VariantState::id).toList())
        : failing.size() + " of " + variants.size() + " variants failing: " + String.join(", ", failing));
  }

  /** The pair whose runs the row shows. */
  public HistoryKey key() {
    return new HistoryKey(probe, environment, variant);
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
    return from(history, new HistoryKey(probe, environment), type, firingAlerts, silence);
  }

  static StatusRow from(RunHistory history, HistoryKey key, String type,
      List<String> firingAlerts, Optional<String> silence) {
    String probe = key.probe();
    String environment = key.environment();
    PairSummary summary = history.summary(key);
    Optional<ProbeResult> latest = history.latest(key);
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
        latest.filter(ProbeResult::failed).flatMap(ProbeResult::probableCause), key.variant(),
        List.of());
  }

  public String path() {
    return Links.probePath(probe, environment);
  }
}
