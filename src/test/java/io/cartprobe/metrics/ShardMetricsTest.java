package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.shard.Shard;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardMetricsTest {

  @Test
  void shardInfoAndOwnedPairsAreExportedUnderTheirContractNames() {
    try (AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"))) {
      ShardMetrics metrics = new ShardMetrics(agent.registry(), new Shard(2, 3));
      metrics.owned(41);
      assertThat(Arrays.asList(agent.registry().scrape().split("\n"))).contains(
          "cartprobe_shard_info{count=\"3\",index=\"2\",location=\"eu\"} 1",
          "cartprobe_shard_owned_pairs{location=\"eu\"} 41.0");
    }
  }
}
