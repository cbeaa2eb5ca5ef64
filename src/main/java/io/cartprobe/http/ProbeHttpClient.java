package io.cartprobe.http;

import java.net.Proxy;
import java.time.Duration;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Makes a {@link RunSession} per probe run from one shared base client: runs share the base's
 * dispatcher, TLS and timeout settings, never its connections or cookies. A finished run's
 * emptied pool and clients wait on a {@link ConnectionShelf} for the next run.
 */
public final class ProbeHttpClient {

  private final String userAgent;
  private final CappedBodyReader bodyReader;
  private final ConnectionShelf shelf;
  private final Object warmUpLock = new Object();
  private volatile boolean warm;
  private volatile boolean warmTls;

  public ProbeHttpClient(OkHttpClient base, String version, CappedBodyReader bodyReader) {
    this.userAgent = "cartprobe/" + version;
    this.bodyReader = bodyReader;
    OkHttpClient racing = shared(base, userAgent).build();
    // An IP literal has one route, nothing to race: OkHttp 5's fast fallback would still hand
    // every connect to its task runner's threads and back, a thread hop per run for nothing.
    OkHttpClient direct = racing.newBuilder().fastFallback(false).build();
    this.shelf = new ConnectionShelf(racing, direct, new TlsClients());
  }

  public ProbeHttpClient(OkHttpClient base, String version) {
    this(base, version, new CappedBodyReader());
  }

  /** A base client with a probe's defaults; per-call deadlines are set on each call. */
  public static OkHttpClient defaultBase() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Warms the client's code path on a loopback exchange, once, and its TLS path the first time
   * {@code tls} is asked for (later calls return at once; a concurrent caller waits for the
   * first). Call it before a run's clock starts: a step's duration is then the target's time
   * even in a cold JVM.
   */
  public void warmUp(boolean tls) {
    if (warm && (warmTls || !tls)) {
      return;
    }
    synchronized (warmUpLock) {
      boolean http = !warm;
      boolean handshake = tls && !warmTls;
      ClientWarmUp.run(this, http, handshake);
      warm = true;
      warmTls |= handshake;
    }
  }

  public String userAgent() {
    return userAgent;
  }

  public RunSession newRun(TraceContext trace) {
    return new RunSession(shelf.take(), shelf, bodyReader, trace);
  }

  /**
   * The run-independent part of every run's client: timing by the call's {@link PhaseTimer} tag
   * and our headers on every request on the wire (redirects too), by a network interceptor, so
   * it runs after OkHttp's own defaults and our User-Agent wins. Every hop of a step names the
   * step's span as its parent, so the shop's server spans for it hang under that span. With no
   * proxy configured, connections go direct without asking the JVM's selector each time.
   */
  private static OkHttpClient.Builder shared(OkHttpClient base, String userAgent) {
    OkHttpClient.Builder builder = base.newBuilder();
    if (ProxyChoice.noneConfigured(base)) {
      builder.proxy(Proxy.NO_PROXY);
    }
    return builder
        .eventListenerFactory(call -> {
          PhaseTimer timer = call.request().tag(PhaseTimer.class);
          return timer != null ? timer : EventListener.NONE;
        })
        .addNetworkInterceptor(chain -> {
          ParentSpan parent = chain.request().tag(ParentSpan.class);
          Request.Builder request = chain.request().newBuilder().header("User-Agent", userAgent);
          if (parent != null) {
            request.header("traceparent", parent.traceparent());
          }
          return chain.proceed(request.build());
        });
  }
}
