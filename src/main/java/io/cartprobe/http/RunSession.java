package io.cartprobe.http;

import io.cartprobe.config.TlsConfig;
import io.cartprobe.result.HttpFacts;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Cookie;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import javax.net.ssl.SSLException;

/**
 * The HTTP side of one probe run (one synthetic customer): its own connection pool and cookie
 * jar, so the run measures DNS, connect and TLS afresh and its steps share connections and
 * cookies like a browser. Close it when the run ends: that drops its connections and cookies
 * and leaves the emptied pool and clients to a later run (see {@link RunConnections}).
 */
public final class RunSession implements AutoCloseable {

  private final RunConnections connections;
  private final ConnectionShelf shelf;
  private final CappedBodyReader bodyReader;
  private final TraceContext trace;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** @param connections the run's alone until {@link #close()} gives them back to {@code shelf} */
  RunSession(RunConnections connections, ConnectionShelf shelf, CappedBodyReader bodyReader,
      TraceContext trace) {
    this.connections = connections;
    this.shelf = shelf;
    this.bodyReader = bodyReader;
    this.trace = trace;
  }

  public TraceContext trace() {
    return trace;
  }

  /**
   * Cookies the run holds for {@code url}; none once the run is closed (its jar may be a later
   * run's by then: a check that overran its deadline can still be asking).
   */
  public List<Cookie> cookiesFor(HttpUrl url) {
    return closed.get() ? List.of() : connections.cookies().loadForRequest(url);
  }

  /**
   * Sends {@code request} and reads the whole body, all within {@code timeout} (OkHttp's call
   * timeout spans the body too, so a server trickling bytes is cut at the deadline). Never
   * throws for the target's failures.
   */
  public HttpExchange execute(Request request, Duration timeout) {
    return execute(request, timeout, TlsConfig.NONE, trace.newSpanId());
  }

  /**
   * As {@link #execute(Request, Duration)}, connecting with {@code tls} (the pool keys
   * connections by their TLS settings too, so steps with different settings never share one),
   * with {@code spanId} as the parent id in the {@code traceparent} of every request on the wire
   * for this call (redirects too): the step's span, which the shop's server spans point at.
   */
  public HttpExchange execute(Request request, Duration timeout, TlsConfig tls, String spanId) {
    if (closed.get()) {
      // Its pool and cookies may serve another run by now: never send through them.
      return new HttpExchange.Failed(new IOException("the run is over: nothing more is sent"),
          Optional.empty(), Optional.empty(), new PhaseTimer().phases(), false, Duration.ZERO);
    }
    OkHttpClient client;
    try {
      client = connections.client(
          new RunConnections.Variant(tls, isIpLiteral(request.url().host())));
    } catch (GeneralSecurityException e) {
      return new HttpExchange.Failed(new SSLException("cannot set up TLS: " + e.getMessage(), e),
          Optional.empty(), Optional.empty(), new PhaseTimer().phases(), false, Duration.ZERO);
    }
    PhaseTimer timer = new PhaseTimer();
    // The event listener factory and the network interceptor find this call's timer and span
    // through the request tags.
    Call call = client.newCall(request.newBuilder().tag(PhaseTimer.class, timer)
        .tag(ParentSpan.class, new ParentSpan(trace.traceparent(spanId))).build());
    // okio treats 0 as "no timeout": never let an exhausted budget turn into an unbounded call.
    call.timeout().timeout(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    long start = System.nanoTime();
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      timer.finished();
      Duration elapsed = since(start);
      return new HttpExchange.Failed(explained(client, request, e, timeout.minus(elapsed)),
          Optional.empty(), Optional.empty(), timer.phases(), timer.requestSent(), elapsed);
    } catch (RuntimeException e) {
      // OkHttp signals a few network conditions unchecked; they are the target's, not ours.
      timer.finished();
      return new HttpExchange.Failed(new IOException(e.toString(), e), Optional.empty(),
          Optional.empty(), timer.phases(), timer.requestSent(), since(start));
    }
    try (response) {
      String body;
      try {
        timer.bodyReadStarts();
        body = bodyReader.read(response.body());
      } finally {
        // the head (its certificates parsed, its facts) is our work: read it after the clock
        timer.finished();
      }
      return new HttpExchange.Completed(head(response, timer), body, timer.phases(),
          timer.requestSent(), since(start));
    } catch (IOException e) {
      Optional<String> prefix = e instanceof BodyTooLargeException big
          ? Optional.of(big.prefix()) : Optional.empty();
      return new HttpExchange.Failed(e, Optional.of(head(response, timer)), prefix,
          timer.phases(), timer.requestSent(), since(start));
    }
  }

  private static HttpExchange.Head head(Response response, PhaseTimer timer) {
    return new HttpExchange.Head(response.code(), response.headers(), response.request().url(),
        earliestNotAfter(response.handshake()), facts(response, timer.ipVersion()));
  }

  /** What blackbox_exporter says of the final response: protocol, TLS, redirects, length, IP. */
  private static HttpFacts facts(Response response, int ipVersion) {
    int redirects = 0;
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      redirects++;
    }
    double version = switch (response.protocol()) {
      case HTTP_1_0 -> 1.0;
      case HTTP_1_1 -> 1.1;
      case HTTP_2, H2_PRIOR_KNOWLEDGE -> 2.0;
      default -> 3.0; // QUIC / HTTP/3
    };
    return new HttpFacts(version, response.handshake() != null, redirects,
        response.body().contentLength(), ipVersion);
  }

  /** {@code error}, or the TLS alert behind it when the server hung up right after the handshake. */
  private static IOException explained(OkHttpClient client, Request request, IOException error,
      Duration left) {
    if (left.isNegative() || left.isZero() || !TlsRefusal.worthAsking(request.url(), error)) {
      return error;
    }
    return TlsRefusal.ask(client, request.url(), left).map(alert -> {
      SSLException explained = new SSLException(alert.getMessage(), alert);
      explained.addSuppressed(error);
      return (IOException) explained;
    }).orElse(error);
  }

  /** {@code host} as {@link HttpUrl} gives it: IPv6 without brackets, IPv4 dotted. */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  /**
   * OkHttp's handshake holds the chain as verified (cleaned up to the trusted root), so the
   * earliest expiry in it is the day this endpoint stops working for clients like us.
   */
  static Optional<Instant> earliestNotAfter(Handshake handshake) {
    if (handshake == null) {
      return Optional.empty(); // plain http
    }
    try {
      return handshake.peerCertificates().stream()
          .filter(X509Certificate.class::isInstance)
          .map(c -> ((X509Certificate) c).getNotAfter().toInstant())
          .min(Instant::compareTo);
    } catch (Exception e) {
      // insecure_skip_verify: no verified chain to clean up to a trusted root, and OkHttp (in
      // Kotlin) throws SSLPeerUnverifiedException undeclared
      return Optional.empty();
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Once only: a second close must not shelve the same connections twice. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      shelf.giveBack(connections);
    }
  }
}
