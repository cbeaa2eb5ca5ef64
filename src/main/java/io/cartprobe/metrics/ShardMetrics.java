package io.cartprobe.metrics;

import io.cartprobe.shard.Shard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which shard this agent is and how many pairs it runs: {@code sum(cartprobe_shard_owned_pairs)}
 * across shards is the config's pair count plus the evidence run on more than one shard.
 */
public final class ShardMetrics {

  static final String INFO = "cartprobe.shard.info"; // cartprobe_shard_info
  static final String OWNED = "cartprobe.shard.owned.pairs"; // cartprobe_shard_owned_pairs

  private final AtomicInteger owned = new AtomicInteger();

  public ShardMetrics(MeterRegistry registry, Shard shard) {
    Gauge.builder(INFO, () -> 1)
        .description("This agent's shard: index (0-based) of count; always 1")
        .tag("index", Integer.toString(shard.index()))
        .tag("count", Integer.toString(shard.count()))
        .strongReference(true)
        .register(registry);
    Gauge.builder(OWNED, owned, AtomicInteger::get)
        .description("Probe x environment pairs this shard schedules, evidence for its checkouts included")
        .strongReference(true)
        .register(registry);
  }

  public void owned(int pairs) {
    owned.set(pairs);
  }
}
