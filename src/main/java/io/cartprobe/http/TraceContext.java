package io.cartprobe.http;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The W3C trace context of one probe run: one trace id for the whole run (it goes into the
 * result, alerts and the exported trace), a span id for the run's root span, and a fresh span id
 * for every step, sent as the {@code traceparent} parent of that step's requests, so the shop's
 * server spans hang under the step's span.
 */
public final class TraceContext {

  private static final HexFormat HEX = HexFormat.of();

  private final String traceId;
  private final String rootSpanId;
  private final RandomGenerator random;

  private TraceContext(String traceId, String rootSpanId, RandomGenerator random) {
    this.traceId = traceId;
    this.rootSpanId = rootSpanId;
    this.random = random;
  }

  public static TraceContext start(RandomGenerator random) {
    synchronized (random) {
      return new TraceContext(nonZeroHex(random, 16), nonZeroHex(random, 8), random);
    }
  }

  /** 32 lowercase hex digits. */
  public String traceId() {
    return traceId;
  }

  /** 16 lowercase hex digits: the id of the span that stands for the whole run. */
  public String rootSpanId() {
    return rootSpanId;
  }

  /** A new span id, 16 lowercase hex digits. */
  public String newSpanId() {
    synchronized (random) {
      return nonZeroHex(random, 8);
    }
  }

  /** {@code 00-<trace id>-<span id>-01}: version 00, sampled. */
  public String traceparent(String spanId) {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  /** A traceparent with a new span id, for a request sent outside any step. */
  public String nextTraceparent() {
    return traceparent(newSpanId());
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
