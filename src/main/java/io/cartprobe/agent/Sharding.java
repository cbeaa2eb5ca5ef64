package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.metrics.ShardMetrics;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.ScheduledPair;
import io.cartprobe.shard.Ownership;
import io.cartprobe.shard.Shard;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This agent's shard, applied to each config: the pairs the scheduler gets, and which results
 * and changes may reach alerting (evidence run here for a checkout but won by another shard is
 * recorded, never notified: its owner notifies).
 */
final class Sharding {

  private final AtomicReference<Ownership> current;
  private final ShardMetrics metrics;

  Sharding(Shard shard, CartprobeConfig initial, ShardMetrics metrics) {
    this.current = new AtomicReference<>(Ownership.of(initial, shard));
    this.metrics = metrics;
    metrics.owned(current.get().runCount());
  }

  Ownership current() {
    return current.get();
  }

  void reconfigure(CartprobeConfig fresh) {
    current.set(Ownership.of(fresh, current.get().shard()));
    metrics.owned(current.get().runCount());
  }

  List<ScheduledPair> scheduled(CartprobeConfig config) {
    return current.get().scheduled(ScheduledPair.of(config.probes()));
  }

  /** {@code alerting} behind the ownership gate. */
  Gate gate(AlertingStage alerting) {
    return new Gate(alerting);
  }

  final class Gate implements ResultSink, ConfigChangeSink {
    private final AlertingStage alerting;

    private Gate(AlertingStage alerting) {
      this.alerting = alerting;
    }

    @Override
    public void accept(ProbeResult result) {
      if (current.get().notifies(new PairKey(result.probe(), result.environment(), result.variant()))) {
        alerting.accept(result);
      }
    }

    @Override
    public void accept(ConfigChange change) {
      if (current.get().notifies(new PairKey(change.probe(), change.environment()))) {
        alerting.accept(change);
      }
    }
  }
}
