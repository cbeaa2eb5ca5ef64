package io.cartprobe.shard;

import io.cartprobe.schedule.PairKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} agents sharing a config, the way Prometheus shards targets: each pair is
 * owned by exactly one shard, chosen by rendezvous (highest random weight) hashing. Every shard
 * scores every pair and the highest score wins, so going from N to N+1 shards moves only the
 * pairs the new shard now wins (about 1/(N+1) of them), and no shard needs to know the others.
 */
public record Shard(int index, int count) {

  /** The unsharded agent: it owns every pair. */
  public static final Shard SINGLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "shard " + index + "/" + count + ": expected 0 <= index < count");
    }
  }

  public boolean isSingle() {
    return count == 1;
  }

  /** True if this shard wins the pair, by hash alone (see {@link Ownership} for evidence). */
  public boolean owns(PairKey pair) {
    return isSingle() || owner(pair) == index;
  }

  /** The index of the shard out of {@code count} that wins {@code pair}. */
  public int owner(PairKey pair) {
    long key = keyHash(pair);
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long score = mix(key ^ mix(0x9E3779B97F4A7C15L * (i + 1)));
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /**
   * The pair's identity as ownership sees it: the one place that says what a pair is, so a new
   * dimension of a pair (a variant) is added here and nowhere else. NUL cannot occur in a name.
   * A pair without a variant keeps the identity it had before matrices, so adding a matrix to
   * one probe moves no other pair.
   */
  static String identity(PairKey pair) {
    return pair.probe() + "\u0000" + pair.environment()
        + (pair.variant().isEmpty() ? "" : "\u0000" + pair.variant());
  }

  /** The first 64 bits of SHA-256: stable across releases and JVMs, well spread in every bit. */
  static long keyHash(PairKey pair) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(identity(pair).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Stafford's variant 13 of the MurmurHash3 finalizer: each input bit flips half the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
