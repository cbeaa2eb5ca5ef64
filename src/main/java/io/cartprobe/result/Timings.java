package io.cartprobe.result;

import java.time.Duration;

/**
 * Timing phases of one HTTP exchange, as blackbox_exporter names them. A phase that did not
 * happen (a reused connection has no dns/connect/tls) is zero, not missing.
 */
public record Timings(
    Duration dns, Duration connect, Duration tls, Duration request, Duration ttfb,
    Duration transfer) {

  public static final Timings NONE =
      new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO);
}
