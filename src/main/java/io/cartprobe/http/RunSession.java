package io.cartprobe.http;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Cookie;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP side of one probe run (one synthetic customer): its own connection pool and cookie
 * jar, so the run measures DNS, connect and TLS afresh and its steps share connections and
 * cookies like a browser. Close it when the run ends to drop its connections.
 */
public final class RunSession implements AutoCloseable {

  private final OkHttpClient client;
  private final ConnectionPool pool;
  private final RunCookieJar cookies;
  private final CappedBodyReader bodyReader;
  private final TraceContext trace;

  RunSession(OkHttpClient client, ConnectionPool pool, RunCookieJar cookies,
      CappedBodyReader bodyReader, TraceContext trace) {
    this.client = client;
    this.pool = pool;
    this.cookies = cookies;
    this.bodyReader = bodyReader;
    this.trace = trace;
  }

  public TraceContext trace() {
    return trace;
  }

  /** Cookies the run holds for {@code url}. */
  public List<Cookie> cookiesFor(HttpUrl url) {
    return cookies.loadForRequest(url);
  }

  /**
   * Sends {@code request} and reads the whole body, all within {@code timeout} (OkHttp's call
   * timeout spans the body too, so a server trickling bytes is cut at the deadline). Never
   * throws for the target's failures.
   */
  public HttpExchange execute(Request request, Duration timeout) {
    return execute(request, timeout, trace.newSpanId());
  }

  /**
   * As {@link #execute(Request, Duration)}, with {@code spanId} as the parent id in the
   * {@code traceparent} of every request on the wire for this call (redirects too): the step's
   * span, which the shop's server spans then point at.
   */
  public HttpExchange execute(Request request, Duration timeout, String spanId) {
    PhaseTimer timer = new PhaseTimer();
    // The event listener factory and the network interceptor find this call's timer and span
    // through the request tags.
    Call call = client.newCall(request.newBuilder().tag(PhaseTimer.class, timer)
        .tag(ParentSpan.class, new ParentSpan(spanId)).build());
    // okio treats 0 as "no timeout": never let an exhausted budget turn into an unbounded call.
    call.timeout().timeout(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    long start = System.nanoTime();
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      timer.finished();
      return new HttpExchange.Failed(e, Optional.empty(), Optional.empty(), timer.phases(),
          timer.requestSent(), since(start));
    } catch (RuntimeException e) {
      // OkHttp signals a few network conditions unchecked; they are the target's, not ours.
      timer.finished();
      return new HttpExchange.Failed(new IOException(e.toString(), e), Optional.empty(),
          Optional.empty(), timer.phases(), timer.requestSent(), since(start));
    }
    HttpExchange.Head head = new HttpExchange.Head(response.code(), response.headers(),
        response.request().url(), earliestNotAfter(response.handshake()));
    try (response) {
      String body = bodyReader.read(response.body());
      timer.finished();
      return new HttpExchange.Completed(head, body, timer.phases(), timer.requestSent(),
          since(start));
    } catch (IOException e) {
      timer.finished();
      Optional<String> prefix = e instanceof BodyTooLargeException big
          ? Optional.of(big.prefix()) : Optional.empty();
      return new HttpExchange.Failed(e, Optional.of(head), prefix, timer.phases(),
          timer.requestSent(), since(start));
    }
  }

  /**
   * OkHttp's handshake holds the chain as verified (cleaned up to the trusted root), so the
   * earliest expiry in it is the day this endpoint stops working for clients like us.
   */
  static Optional<Instant> earliestNotAfter(Handshake handshake) {
    if (handshake == null) {
      return Optional.empty(); // plain http
    }
    return handshake.peerCertificates().stream()
        .filter(X509Certificate.class::isInstance)
        .map(c -> ((X509Certificate) c).getNotAfter().toInstant())
        .min(Instant::compareTo);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    pool.evictAll();
  }
}
