package io.cartprobe.http;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The W3C trace context of one probe run: one trace id for the whole run (it goes into the
 * result and alerts) and a fresh span id for every request, so each request can be found in the
 * shop's own traces.
 */
public final class TraceContext {

  private static final HexFormat HEX = HexFormat.of();

  private final String traceId;
  private final RandomGenerator random;

  private TraceContext(String traceId, RandomGenerator random) {
    this.traceId = traceId;
    this.random = random;
  }

  public static TraceContext start(RandomGenerator random) {
    return new TraceContext(nonZeroHex(random, 16), random);
  }

  /** 32 lowercase hex digits. */
  public String traceId() {
    return traceId;
  }

  /** {@code 00-<trace id>-<new span id>-01}: version 00, sampled. */
  public String nextTraceparent() {
    String spanId;
    synchronized (random) {
      spanId = nonZeroHex(random, 8);
    }
    return "00-" + traceId + "-" + spanId + "-01";
  }

  // The spec makes all-zero ids invalid; redraw in the (astronomically unlikely) case.
  private static String nonZeroHex(RandomGenerator random, int bytes) {
    byte[] b = new byte[bytes];
    boolean zero;
    do {
      random.nextBytes(b);
      zero = true;
      for (byte x : b) {
        zero &= x == 0;
      }
    } while (zero);
    return HEX.formatHex(b);
  }
}
