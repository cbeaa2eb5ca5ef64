package io.cartprobe.http;

import java.time.Duration;

/**
 * Timing phases of one HTTP exchange. Kept in the http package (rather than reusing the probe's
 * result record) so that http does not depend on probe; a phase that did not happen is zero.
 *
 * @param ttfb time from the request being written to the first response byte (the server's
 *     processing time, blackbox_exporter's "processing")
 * @param transfer time from the first response byte to the end of the body
 */
public record Phases(
    Duration dns, Duration connect, Duration tls, Duration request, Duration ttfb,
    Duration transfer) {

  public static final Phases NONE =
      new Phases(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO);
}
