package io.cartprobe.agent;

import io.cartprobe.alert.AlertEngine;
import io.cartprobe.alert.WindowRun;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Variant;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.PairState;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.watch.Attribution;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * After a restart, the stateful sinks take back what they had seen from history (restored from
 * the state file) before the first result arrives: attribution its last good runs, failure
 * streaks and changes; alerting its rule windows and config changes. So a restart alone neither
 * resolves nor re-fires anything, and a cause found before it is found after it.
 */
final class Recall {

  private Recall() {}

  static void fromHistory(RunHistory history, CartprobeConfig config, Attribution attribution,
      AlertEngine alerts) {
    for (ProbeConfig probe : config.probes()) {
      for (String env : probe.environments()) {
        for (Variant variant : probe.variants()) {
          recall(history, attribution, alerts, probe,
              new HistoryKey(probe.name(), env, variant.id()));
        }
      }
    }
  }

  private static void recall(RunHistory history, Attribution attribution, AlertEngine alerts,
      ProbeConfig probe, HistoryKey key) {
    String env = key.environment();
    PairState state = history.state(key);
    List<RunRecord> runs = history.records(key);
    // Config changes are the evidence probes' own; they have no variants.
    List<ConfigChange> changes = key.variant().isEmpty()
        ? history.configChanges(probe.name(), env) : List.of();
    switch (probe.type()) {
      case CHECKOUT -> attribution.recallCheckout(probe.name(), env, key.variant(),
          lastPassed(runs), state.failingSince());
      case PROVIDER_STATUS -> state.latest().ifPresent(attribution::accept);
      case GATEWAY_CONFIG -> {
        changes.forEach(attribution::accept);
        state.latest().ifPresent(r -> attribution.recallEvidence(r, state.failingSince()));
      }
    }
    alerts.recall(probe.name(), env, key.variant(), runs.stream()
        .map(r -> new WindowRun(r.startedAt(), r.verdict(), r.duration(), Optional.empty()))
        .toList(), state.latest(), changes);
  }

  private static Optional<Instant> lastPassed(List<RunRecord> runs) {
    return runs.reversed().stream().filter(RunRecord::passed).map(RunRecord::startedAt).findFirst();
  }
}
