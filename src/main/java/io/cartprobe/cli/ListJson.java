package io.cartprobe.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.shard.Ownership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code cartprobe list -o json}: the pairs that would run (on this shard, with --shard). */
record ListJson(@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ShardInfo> shard,
    List<Pair> pairs) {

  record ShardInfo(int index, int count, int ownedPairs, int pairsOwnedByOthers) {}

  /** @param evidenceCopy run here for this shard's checkouts, notified by the shard that owns it */
  record Pair(String probe, String type, String env,
      @JsonProperty("interval_seconds") Duration interval,
      @JsonProperty("interval_when_failing_seconds") Duration intervalWhenFailing,
      @JsonProperty("timeout_seconds") Duration timeout, int retries, List<String> steps,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean evidenceCopy) {}

  static ListJson of(CartprobeConfig config, Ownership owned) {
    List<Pair> pairs = new ArrayList<>();
    for (ProbeConfig probe : config.probes()) {
      for (String env : probe.environments()) {
        PairKey key = new PairKey(probe.name(), env);
        if (owned.runs(key)) {
          pairs.add(new Pair(probe.name(), probe.type().wireName(), env, probe.interval(),
              probe.intervalWhenFailing(), probe.timeout(), probe.retries(),
              probe.steps().stream().map(s -> s.name()).toList(), !owned.notifies(key)));
        }
      }
    }
    Optional<ShardInfo> shard = owned.shard().isSingle() ? Optional.empty()
        : Optional.of(new ShardInfo(owned.shard().index(), owned.shard().count(),
            owned.runCount(), owned.ownedByOthers()));
    return new ListJson(shard, pairs);
  }
}
