package io.cartprobe.http;

import java.time.Duration;

/**
 * Timing phases of one HTTP exchange. Kept in the http package (rather than reusing the probe's
 * result record) so that http does not depend on probe; a phase that did not happen is zero.
 * The phases are contiguous (see {@link PhaseTimer}): their {@link #total()} is the exchange's
 * duration on the network.
 *
 * @param dns from the lookup's start to the connect's
 * @param connect from the first connect attempt to the TLS handshake (or the request)
 * @param tls the handshake, up to the request
 * @param request writing the request headers and body
 * @param ttfb from the request written to the first response byte (the server's processing
 *     time, blackbox_exporter's "processing")
 * @param transfer from the first response byte to the end of the body, less the client's own
 *     work between the parsed head and the start of reading the body
 */
public record Phases(
    Duration dns, Duration connect, Duration tls, Duration request, Duration ttfb,
    Duration transfer) {

  public static final Phases NONE =
      new Phases(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
          Duration.ZERO);

  static Phases ofNanos(long dns, long connect, long tls, long request, long ttfb,
      long transfer) {
    return new Phases(Duration.ofNanos(dns), Duration.ofNanos(connect), Duration.ofNanos(tls),
        Duration.ofNanos(request), Duration.ofNanos(ttfb), Duration.ofNanos(transfer));
  }

  /** The exchange's time on the network: what a step reports as its duration. */
  public Duration total() {
    return dns.plus(connect).plus(tls).plus(request).plus(ttfb).plus(transfer);
  }
}
