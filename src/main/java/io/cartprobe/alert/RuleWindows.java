package io.cartprobe.alert;

import io.cartprobe.config.AlertCondition;
import io.cartprobe.config.AlertRule;
import io.cartprobe.result.ProbeResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per (probe, environment, variant): the window of runs the rules look at, sized by the longest lookback
 * and streak of the rules on the pair, and the results a notification quotes. Only the engine,
 * under its lock, touches it.
 */
final class RuleWindows {

  record Pair(String probe, String env, String variant) {}

  /** One pair's window and the latest (and latest failed) whole result. */
  static final class Data {
    final RuleWindow window;
    ProbeResult lastResult;
    ProbeResult lastFailed;

    Data(RuleWindow window) {
      this.window = window;
    }
  }

  private final List<AlertRule> rules;
  private final Map<Pair, Data> pairs = new HashMap<>();

  RuleWindows(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
  }

  Data of(String probe, String env, String variant) {
    return pairs.computeIfAbsent(new Pair(probe, env, variant), p -> {
      Duration keep = Duration.ZERO;
      Duration streak = Duration.ZERO;
      int atLeast = 1;
      for (AlertRule rule : rules) {
        if (matches(rule, p.probe(), p.env())) {
          Duration lookback = ConditionEvaluator.lookback(rule.when());
          switch (rule.when()) {
            // These read the window; a streak reads only its trailing failures, the others
            // only the latest run or the config changes.
            case AlertCondition.FailureRatio r -> keep = longer(keep, lookback);
            case AlertCondition.LatencyP95 l -> keep = longer(keep, lookback);
            case AlertCondition.BurnRate b -> keep = longer(keep, lookback);
            case AlertCondition.ConsecutiveFailures c -> {
              streak = longer(streak, lookback);
              atLeast = Math.max(atLeast, c.count() + 1);
            }
            default -> { }
          }
        }
      }
      return new Data(new RuleWindow(keep, atLeast, streak));
    });
  }

  void record(ProbeResult result) {
    Data data = of(result.probe(), result.environment(), result.variant());
    data.window.add(WindowRun.of(result));
    data.lastResult = result;
    if (result.failed()) {
      data.lastFailed = result;
    }
  }

  /** The latest result of a pair, if it ran since the engine started (or was recalled). */
  java.util.Optional<ProbeResult> latest(String probe, String env, String variant) {
    Data data = pairs.get(new Pair(probe, env, variant));
    return java.util.Optional.ofNullable(data == null ? null : data.lastResult);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static boolean matches(AlertRule rule, String probe, String env) {
    return (rule.probes().isEmpty() || rule.probes().contains(probe))
        && (rule.environments().isEmpty() || rule.environments().contains(env));
  }
}
