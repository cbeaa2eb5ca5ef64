package io.cartprobe.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.ScheduledPair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Evidence runs where the checkouts of its environment run; each pair speaks from one shard. */
class OwnershipTest {

  /** 40 checkouts and their gateway's evidence, in 3 environments. */
  static CartprobeConfig config() throws ConfigException {
    StringBuilder yaml = new StringBuilder("environments:\n");
    for (String env : List.of("eu", "us", "ap")) {
      yaml.append("  ").append(env).append(": {vars: {base_url: 'http://127.0.0.1:1'}}\n");
    }
    yaml.append("probes:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("""
            - name: checkout-%d
              type: checkout
              steps:
                - {name: pay, component: gateway, request: {url: '{{base_url}}/pay'}}
          """.formatted(i));
    }
    yaml.append("""
          - name: gateway-config
            type: gateway-config
            request: {url: '{{base_url}}/v1/account'}
            watch: [$.request_signing]
        """);
    return new ConfigLoader(Map.of()).parse("probes.yaml", yaml.toString(), Path.of("."));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void evidenceRunsOnEveryShardWithACheckoutOfItsEnvironmentAndNotifiesFromOne(int n)
      throws ConfigException {
    CartprobeConfig config = config();
    List<Ownership> shards = IntStream.range(0, n)
        .mapToObj(i -> Ownership.of(config, new Shard(i, n))).toList();
    List<PairKey> pairs = ScheduledPair.of(config.probes()).stream().map(ScheduledPair::key).toList();

    for (PairKey pair : pairs) {
      assertThat(shards.stream().filter(o -> o.notifies(pair)).count()).as("%s notifies", pair)
          .isEqualTo(1);
      assertThat(shards.stream().filter(o -> o.notifies(pair)).allMatch(o -> o.runs(pair))).isTrue();
      if (!pair.probe().equals("gateway-config")) {
        assertThat(shards.stream().filter(o -> o.runs(pair)).count()).as("%s runs", pair)
            .isEqualTo(1);
      }
    }
    for (Ownership shard : shards) {
      for (String env : List.of("eu", "us", "ap")) {
        boolean runsACheckout = pairs.stream().anyMatch(p -> p.environment().equals(env)
            && p.probe().startsWith("checkout") && shard.runs(p));
        if (runsACheckout) {
          assertThat(shard.runs(new PairKey("gateway-config", env))).as("evidence @ %s", env).isTrue();
        }
      }
      assertThat(shard.total()).isEqualTo(123);
      assertThat(shard.ownedByOthers()).isEqualTo(123 - pairs.stream().filter(shard::notifies).count());
      assertThat(shard.scheduled(ScheduledPair.of(config.probes()))).hasSize(shard.runCount());
    }
  }
}
