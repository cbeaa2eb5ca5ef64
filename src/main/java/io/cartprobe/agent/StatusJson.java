package io.cartprobe.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.config.Variant;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.PairState;
import io.cartprobe.history.RunHistory;
import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.alert.Alerting;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.json.Json;
import io.cartprobe.result.json.SchemaVersion;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.PairStatus;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.shard.Ownership;
import io.cartprobe.shard.Shard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/status}: every probe × environment, its state, counts and last result. The
 * document is a view of several owners (config, scheduler, alerting, the watch), so its shape is
 * the wire records below; results, config changes and alert statuses are bound as they are.
 */
final class StatusJson {

  record AgentInfo(String version, Instant startedAt, boolean lastReloadOk, Instant lastReloadAt) {}

  record Status(int schemaVersion, Agent agent, List<Pair> probes, List<ConfigChange> configChanges,
      List<AlertStatus> alerts, Deliveries webhookDeliveries,
      @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ShardStatus> shard) {}

  /** Only when sharded: {@code probes} then lists this shard's pairs alone. */
  record ShardStatus(int index, int count, int ownedPairs, int pairsOwnedByOthers) {
    static Optional<ShardStatus> of(Ownership owned) {
      Shard shard = owned.shard();
      return shard.isSingle() ? Optional.empty() : Optional.of(new ShardStatus(shard.index(),
          shard.count(), owned.runCount(), owned.ownedByOthers()));
    }
  }

  record Agent(String version, Instant startedAt, boolean lastReloadSuccessful,
      Instant lastReloadAt, Map<String, String> labels) {}

  /** @param nextRunAt, running left out for a pair the scheduler does not (yet) know */
  record Pair(String probe, String env, String type, String state,
      @JsonProperty("interval_seconds") Duration interval,
      @JsonProperty("interval_when_failing_seconds") Duration intervalWhenFailing,
      int consecutiveFailures, Optional<Instant> failingSince, Runs runs,
      @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Instant> nextRunAt,
      @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Boolean> running,
      Optional<ProbeResult> lastResult,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant) {}

  record Runs(long success, long failure, long degraded) {}

  /** Webhook URLs are left out: Slack-style URLs carry their secret in the path. */
  record Deliveries(List<Pending> pending, List<Dropped> dropped) {}

  record Pending(String id, String webhook, String kind, int attempts, Instant createdAt,
      Instant nextAttemptAt) {
    static Pending of(PendingDelivery p) {
      return new Pending(p.id(), p.webhook(), p.kind(), p.attempts(), p.createdAt(), p.notBefore());
    }
  }

  record Dropped(String id, String webhook, String alert, String kind, String why, int attempts,
      Instant createdAt, Instant droppedAt) {
    static Dropped of(DeadLetter d) {
      return new Dropped(d.id(), d.webhook(), d.alert(), d.kind(), d.why(), d.attempts(),
          d.createdAt(), d.droppedAt());
    }
  }

  private StatusJson() {}

  static JsonNode render(CartprobeConfig config, RunHistory history, Scheduler scheduler,
      Alerting alerting, List<ConfigChange> configChanges, AgentInfo info) {
    return render(config, history, scheduler, alerting, configChanges, info,
        Ownership.of(config, Shard.SINGLE));
  }

  static JsonNode render(CartprobeConfig config, RunHistory history, Scheduler scheduler,
      Alerting alerting, List<ConfigChange> configChanges, AgentInfo info, Ownership owned) {
    List<Pair> pairs = new ArrayList<>();
    for (ProbeConfig probe : config.probes()) {
      for (String env : probe.environments()) {
        for (Variant variant : probe.variants()) {
          if (owned.runs(new PairKey(probe.name(), env, variant.id()))) {
            pairs.add(pair(probe, env, variant, history, scheduler));
          }
        }
      }
    }
    return Json.tree(new Status(SchemaVersion.CURRENT,
        new Agent(info.version(), info.startedAt(), info.lastReloadOk(), info.lastReloadAt(),
            config.agent().labels()),
        pairs, configChanges, alerting.statuses(),
        new Deliveries(alerting.pending().stream().map(Pending::of).toList(),
            alerting.deadLetters().stream().map(Dropped::of).toList()),
        ShardStatus.of(owned)));
  }

  private static Pair pair(ProbeConfig probe, String env, Variant variant, RunHistory history,
      Scheduler scheduler) {
    PairState state = history.state(new HistoryKey(probe.name(), env, variant.id()));
    Optional<PairStatus> scheduled = scheduler.status(new PairKey(probe.name(), env, variant.id()));
    return new Pair(probe.name(), env, probe.type().wireName(), state.health().wireName(),
        probe.interval(), probe.intervalWhenFailing(), state.consecutiveFailures(),
        state.failingSince(), new Runs(state.counts().successes(), state.counts().failures(),
            state.counts().degraded()),
        scheduled.map(PairStatus::nextDue), scheduled.map(PairStatus::running), state.latest(),
        variant.id());
  }
}
