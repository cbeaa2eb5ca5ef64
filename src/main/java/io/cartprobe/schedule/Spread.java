package io.cartprobe.schedule;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Where in its interval a pair fires, the way Prometheus spreads scrapes: a stable hash of the
 * pair picks an offset in {@code [0, interval)}, so 500 pairs with the same interval fire
 * spread over it instead of in one burst at startup and on every reload.
 *
 * <p>The offset is a phase of the epoch-aligned grid, not a delay from "now": a pair fires at
 * instants where {@code (t - epoch) mod interval == offset}. A restarted agent therefore keeps
 * each pair's rhythm instead of running it twice in quick succession, and the spacing between
 * pairs is the same on every agent and after every restart.
 */
public final class Spread {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Spread() {}

  /**
   * FNV-1a (as Prometheus uses) over probe, a separator and environment (and the variant, when
   * there is one, so a pair without a matrix keeps its offset); never changes between releases.
   */
  public static long hash(PairKey pair) {
    String variant = pair.variant().isEmpty() ? "" : "\0" + pair.variant();
    byte[] bytes = (pair.probe() + '\0' + pair.environment() + variant)
        .getBytes(StandardCharsets.UTF_8);
    long h = FNV_OFFSET_BASIS;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** The pair's phase in {@code [0, interval)}, at nanosecond resolution so that offsets rarely collide. */
  public static Duration offset(PairKey pair, Duration interval) {
    return Duration.ofNanos(Math.floorMod(hash(pair), interval.toNanos()));
  }

  /** The first instant at or after {@code now} on the pair's grid. */
  public static Instant firstDue(PairKey pair, Duration interval, Instant now) {
    long intervalNanos = interval.toNanos();
    long wait = Math.floorMod(offset(pair, interval).toNanos() - phase(now, intervalNanos), intervalNanos);
    return now.plusNanos(wait);
  }

  /** Nanoseconds since the epoch modulo {@code m}; BigInteger because epoch nanos times a long interval overflow. */
  private static long phase(Instant now, long m) {
    return BigInteger.valueOf(now.getEpochSecond())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(now.getNano()))
        .mod(BigInteger.valueOf(m))
        .longValueExact();
  }
}
