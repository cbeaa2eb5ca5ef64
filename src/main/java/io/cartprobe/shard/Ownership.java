package io.cartprobe.shard;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.ScheduledPair;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which pairs of one config a shard runs and which it speaks for. A checkout pair runs on the
 * shard that wins its hash. An evidence pair (gateway-config, provider-status) runs there too,
 * and also on every shard that runs a checkout in the same environment, so a failing checkout
 * finds its gateway evidence at hand. Evidence run on several shards alerts only from the shard
 * that wins its hash, so no notification goes out twice.
 */
public final class Ownership {

  private final Shard shard;
  private final Set<PairKey> runs;
  private final Set<PairKey> wins;
  private final int total;

  private Ownership(Shard shard, Set<PairKey> runs, Set<PairKey> wins, int total) {
    this.shard = shard;
    this.runs = Set.copyOf(runs);
    this.wins = Set.copyOf(wins);
    this.total = total;
  }

  public static Ownership of(CartprobeConfig config, Shard shard) {
    List<PairKey> pairs = ScheduledPair.of(config.probes()).stream().map(ScheduledPair::key).toList();
    Set<PairKey> wins = new LinkedHashSet<>();
    Set<String> checkoutEnvs = new HashSet<>();
    for (PairKey pair : pairs) {
      if (shard.owns(pair)) {
        wins.add(pair);
        if (!isEvidence(config, pair)) {
          checkoutEnvs.add(pair.environment());
        }
      }
    }
    Set<PairKey> runs = new LinkedHashSet<>();
    for (PairKey pair : pairs) {
      if (wins.contains(pair)
          || (isEvidence(config, pair) && checkoutEnvs.contains(pair.environment()))) {
        runs.add(pair);
      }
    }
    return new Ownership(shard, runs, wins, pairs.size());
  }

  private static boolean isEvidence(CartprobeConfig config, PairKey pair) {
    return config.probe(pair.probe()).map(ProbeConfig::type).map(t -> t.isEvidence()).orElse(false);
  }

  public Shard shard() {
    return shard;
  }

  /** True if this shard schedules the pair. */
  public boolean runs(PairKey pair) {
    return runs.contains(pair);
  }

  /** True if this shard's alerts about the pair are sent: it won the pair's hash. */
  public boolean notifies(PairKey pair) {
    return wins.contains(pair);
  }

  /** The pairs of {@code all} this shard schedules, in their order. */
  public List<ScheduledPair> scheduled(List<ScheduledPair> all) {
    return all.stream().filter(p -> runs(p.key())).toList();
  }

  /** Pairs this shard runs, evidence run for its checkouts included. */
  public int runCount() {
    return runs.size();
  }

  /** Pairs the other shards win: together with this shard's, every pair of the config once. */
  public int ownedByOthers() {
    return total - wins.size();
  }

  public int total() {
    return total;
  }
}
