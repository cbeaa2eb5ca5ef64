package io.cartprobe.alert;

import io.cartprobe.Words;
import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertCondition.BurnRate;
import io.cartprobe.config.AlertCondition.CertExpiresWithin;
import io.cartprobe.config.AlertCondition.ConfigChangedWithin;
import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import io.cartprobe.config.AlertCondition.FailureRatio;
import io.cartprobe.config.AlertCondition.LatencyP95;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides each {@code when} form from recorded runs. Pure: the engine owns the state, this only
 * reads the history, so every form is tested by feeding runs and reading verdicts.
 */
final class ConditionEvaluator {

  private ConditionEvaluator() {}

  /**
   * @param changes the config changes recorded for this very pair (config_changed_within only)
   */
  static Evaluation evaluate(
      AlertCondition when, RuleWindow history, List<ConfigChanges.Change> changes, Instant now) {
    return switch (when) {
      case ConsecutiveFailures(int count) -> consecutive(count, history);
      case FailureRatio(double ratio, Duration window, int minRuns) ->
          ratio(ratio, window, minRuns, history, now);
      case LatencyP95(Duration threshold, Duration window) ->
          latency(threshold, window, history, now);
      case ConfigChangedWithin(Duration within) -> configChanged(within, changes, now);
      case CertExpiresWithin(Duration within) -> cert(within, history, now);
      case BurnRate b -> burnRate(b, history, now);
    };
  }

  /** How far back the rule looks: its window, else 30 minutes (used for the probable cause). */
  static Duration lookback(AlertCondition when) {
    return switch (when) {
      case FailureRatio r -> r.window();
      case LatencyP95 l -> l.window();
      case ConfigChangedWithin c -> c.within();
      case ConsecutiveFailures c -> Duration.ofMinutes(30);
      case CertExpiresWithin c -> Duration.ofMinutes(30);
      case BurnRate b -> b.longWindow();
    };
  }

  // A degraded run passed every check but a latency budget: it is not a failure here.
  private static Evaluation consecutive(int count, RuleWindow history) {
    List<WindowRun> streak = history.failureStreak();
    String describe = Words.count(streak.size(), "consecutive failure") + " (alert at " + count + ")";
    if (streak.isEmpty()) {
      return Evaluation.quiet(describe);
    }
    return new Evaluation(streak.size() >= count, true, Optional.of(streak.getFirst().at()),
        streak.size(), describe);
  }

  private static Evaluation ratio(
      double ratio, Duration window, int minRuns, RuleWindow history, Instant now) {
    List<WindowRun> runs = history.within(now, window);
    List<WindowRun> failed = runs.stream().filter(WindowRun::failed).toList();
    double observed = runs.isEmpty() ? 0 : (double) failed.size() / runs.size();
    boolean holds = runs.size() >= minRuns && !failed.isEmpty() && observed >= ratio;
    String describe = String.format(Locale.ROOT,
        "%d of %s failed in the last %s (%.0f%%, alert at %.0f%% over at least %s)",
        failed.size(), Words.count(runs.size(), "run"), Durations.human(window), observed * 100,
        ratio * 100, Words.count(minRuns, "run"));
    boolean bad = history.latest() != null && history.latest().failed();
    return new Evaluation(holds, bad,
        failed.isEmpty() ? Optional.empty() : Optional.of(failed.getFirst().at()),
        failed.size(), describe);
  }

  // Every run counts, degraded and failed ones too: a timeout is the slowest checkout of all.
  private static Evaluation latency(
      Duration threshold, Duration window, RuleWindow history, Instant now) {
    List<WindowRun> runs = history.within(now, window);
    if (runs.isEmpty()) {
      return Evaluation.quiet("no runs in the last " + Durations.human(window));
    }
    Duration p95 = p95(runs);
    List<WindowRun> slow = runs.stream().filter(r -> r.duration().compareTo(threshold) > 0).toList();
    String describe = "p95 latency " + Durations.latency(p95) + " over the last "
        + Durations.human(window) + " (alert above " + Durations.latency(threshold) + ", "
        + Words.count(runs.size(), "run") + ")";
    boolean bad = history.latest().duration().compareTo(threshold) > 0;
    return new Evaluation(p95.compareTo(threshold) > 0, bad,
        slow.isEmpty() ? Optional.empty() : Optional.of(slow.getFirst().at()), slow.size(),
        describe);
  }

  /** Nearest-rank p95, as a person would compute it from the list of runs. */
  static Duration p95(List<WindowRun> runs) {
    List<Duration> sorted = runs.stream().map(WindowRun::duration).sorted().toList();
    int rank = (int) Math.ceil(0.95 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static Evaluation configChanged(
      Duration within, List<ConfigChanges.Change> changes, Instant now) {
    Instant from = now.minus(within);
    List<ConfigChanges.Change> recent =
        changes.stream().filter(c -> c.at().isAfter(from)).toList();
    if (recent.isEmpty()) {
      return Evaluation.quiet("no watched field changed in the last " + Durations.human(within));
    }
    String describe = "watched configuration changed " + Words.count(recent.size(), "time")
        + " in the last " + Durations.human(within);
    return new Evaluation(true, true, Optional.of(recent.getFirst().at()), recent.size(), describe);
  }

  /** Fires while both windows burn faster than the factor, as slo-rules' Prometheus alerts do. */
  private static Evaluation burnRate(BurnRate b, RuleWindow history, Instant now) {
    List<WindowRun> longRuns = history.within(now, b.longWindow());
    List<WindowRun> shortRuns = history.within(now, b.shortWindow());
    double longBurn = burn(longRuns, b);
    double shortBurn = burn(shortRuns, b);
    List<WindowRun> bad = longRuns.stream().filter(r -> spends(r, b)).toList();
    String describe = String.format(Locale.ROOT,
        "%s's error budget burns %.1fx over the last %s and %.1fx over the last %s (alert above %sx in both)",
        b.slo(), longBurn, Durations.human(b.longWindow()), shortBurn, Durations.human(b.shortWindow()),
        factor(b.factor()));
    boolean holds = longBurn > b.factor() && shortBurn > b.factor();
    boolean latestBad = history.latest() != null && spends(history.latest(), b);
    return new Evaluation(holds, latestBad,
        bad.isEmpty() ? Optional.empty() : Optional.of(bad.getFirst().at()), bad.size(), describe);
  }

  static String factor(double factor) {
    return java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
  }

  private static double burn(List<WindowRun> runs, BurnRate b) {
    return runs.isEmpty() ? 0 : runs.stream().filter(r -> spends(r, b)).count() / (double) runs.size() / b.errorBudget();
  }

  private static boolean spends(WindowRun run, BurnRate b) {
    return run.failed() || (b.degradedIsBad() && run.verdict() == io.cartprobe.result.Verdict.DEGRADED);
  }

  private static Evaluation cert(Duration within, RuleWindow history, Instant now) {
    WindowRun latest = history.latest();
    if (latest == null || latest.certNotAfter().isEmpty()) {
      return Evaluation.quiet("no TLS certificate seen");
    }
    Instant notAfter = latest.certNotAfter().get();
    boolean expiring = notAfter.isBefore(now.plus(within));
    String describe = "TLS certificate expires at " + notAfter + " (in "
        + Durations.human(Duration.between(now, notAfter)) + "; alert within "
        + Durations.human(within) + ")";
    return new Evaluation(expiring, expiring, expiring ? Optional.of(latest.at()) : Optional.empty(),
        expiring ? 1 : 0, describe);
  }
}
