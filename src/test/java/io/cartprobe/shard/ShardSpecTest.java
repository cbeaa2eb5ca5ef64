package io.cartprobe.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardSpecTest {

  @Test
  void theFlagWinsOverTheEnvironment() {
    assertThat(ShardSpec.resolve("1/3", Map.of("CARTPROBE_SHARD", "0/2"))).isEqualTo(new Shard(1, 3));
    assertThat(ShardSpec.resolve(null, Map.of("CARTPROBE_SHARD", "0/2"))).isEqualTo(new Shard(0, 2));
    assertThat(ShardSpec.resolve(null, Map.of())).isEqualTo(Shard.SINGLE);
  }

  @Test
  void autoTakesTheOrdinalOfTheStatefulSetPodName() {
    assertThat(ShardSpec.resolve("auto", Map.of("HOSTNAME", "cartprobe-shard-2",
        "CARTPROBE_SHARD_COUNT", "4"))).isEqualTo(new Shard(2, 4));
    assertThat(ShardSpec.resolve(null, Map.of("CARTPROBE_SHARD", "auto", "POD_NAME", "cartprobe-0",
        "HOSTNAME", "node-7x", "CARTPROBE_SHARD_COUNT", "3"))).isEqualTo(new Shard(0, 3));
  }

  @Test
  void badValuesSayWhatWasFoundAndWhatWouldDo() {
    assertThatThrownBy(() -> ShardSpec.resolve("1of3", Map.of()))
        .hasMessage("--shard: expected I/N like 0/3, or auto, found '1of3'");
    assertThatThrownBy(() -> ShardSpec.resolve(null, Map.of("CARTPROBE_SHARD", "3/3")))
        .hasMessage("$CARTPROBE_SHARD: index must be below the count of shards (0-based, like"
            + " 0/3 .. 2/3), found '3/3'");
    assertThatThrownBy(() -> ShardSpec.resolve("auto", Map.of("HOSTNAME", "laptop")))
        .hasMessage("--shard auto: HOSTNAME 'laptop' has no StatefulSet ordinal suffix like"
            + " 'cartprobe-2' (set POD_NAME, or give I/N)");
    assertThatThrownBy(() -> ShardSpec.resolve("auto", Map.of("HOSTNAME", "cartprobe-1")))
        .hasMessage("--shard auto: $CARTPROBE_SHARD_COUNT must be the number of shards (the"
            + " StatefulSet's replicas), found ''");
    assertThatThrownBy(() -> ShardSpec.resolve("auto", Map.of("HOSTNAME", "cartprobe-3",
        "CARTPROBE_SHARD_COUNT", "3"))).hasMessageContaining("found 'cartprobe-3 of 3'");
  }
}
