package io.cartprobe.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.schedule.PairKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rendezvous ownership: a partition, balanced, and stable when a shard is added. */
class ShardTest {

  /** 3,000 pairs named the way configs name them: similar names, many environments. */
  static final List<PairKey> PAIRS = pairs(300, 10);

  static List<PairKey> pairs(int probes, int environments) {
    List<PairKey> pairs = new ArrayList<>();
    for (int p = 0; p < probes; p++) {
      for (int e = 0; e < environments; e++) {
        pairs.add(new PairKey("checkout-" + p, "shop-" + e));
      }
    }
    return pairs;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyPairIsOwnedByExactlyOneShardAndEachShardGetsItsShareWithin30Percent(int n) {
    int[] owned = new int[n];
    for (PairKey pair : PAIRS) {
      int owners = 0;
      for (int i = 0; i < n; i++) {
        if (new Shard(i, n).owns(pair)) {
          owners++;
          owned[i]++;
        }
      }
      assertThat(owners).as("owners of %s among %d shards", pair, n).isEqualTo(1);
    }
    double share = (double) PAIRS.size() / n;
    for (int i = 0; i < n; i++) {
      assertThat((double) owned[i]).as("pairs of shard %d/%d", i, n)
          .isBetween(share * 0.7, share * 1.3);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void addingAShardMovesAboutItsShareAndOnlyToTheNewShard(int n) {
    int moved = 0;
    for (PairKey pair : PAIRS) {
      int before = new Shard(0, n).owner(pair);
      int after = new Shard(0, n + 1).owner(pair);
      if (before != after) {
        moved++;
        assertThat(after).as("%s moved from %d", pair, before).isEqualTo(n);
      }
    }
    assertThat((double) moved / PAIRS.size()).isLessThanOrEqualTo(1.0 / (n + 1) + 0.10)
        .isGreaterThan(0.0);
  }

  @Test
  void ownershipIsAFunctionOfTheNamesAlone() {
    // Pinned: an upgrade that changed the hash would move every pair between shards at once.
    assertThat(new Shard(0, 4).owner(new PairKey("checkout", "production"))).isEqualTo(
        new Shard(3, 4).owner(new PairKey("checkout", "production")));
    assertThat(Shard.keyHash(new PairKey("checkout", "production")))
        .isEqualTo(Shard.keyHash(new PairKey("checkout", "production")))
        .isNotEqualTo(Shard.keyHash(new PairKey("checkoutp", "roduction")));
  }

  @Test
  void theSingleShardOwnsEverything() {
    assertThat(PAIRS).allMatch(Shard.SINGLE::owns);
  }

  @Test
  void anIndexOutsideTheCountIsRefused() {
    assertThatThrownBy(() -> new Shard(3, 3)).hasMessage("shard 3/3: expected 0 <= index < count");
  }
}
