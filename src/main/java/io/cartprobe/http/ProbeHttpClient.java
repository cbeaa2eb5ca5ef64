package io.cartprobe.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * Makes a {@link RunSession} per probe run from one shared base client: runs share the base's
 * dispatcher, TLS and timeout settings, never its connections or cookies.
 */
public final class ProbeHttpClient {

  private final OkHttpClient base;
  private final String userAgent;
  private final CappedBodyReader bodyReader;
  private final TlsClients tlsClients = new TlsClients();
  private final Object warmUpLock = new Object();
  private volatile boolean warm;

  public ProbeHttpClient(OkHttpClient base, String version, CappedBodyReader bodyReader) {
    this.base = base;
    this.userAgent = "cartprobe/" + version;
    this.bodyReader = bodyReader;
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
   * Warms the client's code path on a loopback exchange, once (later calls return at once; a
   * concurrent caller waits for the first). Call it before a run's clock starts: a step's
   * duration is then the target's time even in a cold JVM.
   */
  public void warmUp() {
    if (warm) {
      return;
    }
    synchronized (warmUpLock) {
      if (!warm) {
        ClientWarmUp.run(this);
        warm = true;
      }
    }
  }

  okhttp3.Dns dns() {
    return base.dns();
  }

  public String userAgent() {
    return userAgent;
  }

  public RunSession newRun(TraceContext trace) {
    ConnectionPool pool = new ConnectionPool(5, 1, TimeUnit.MINUTES);
    RunCookieJar cookies = new RunCookieJar();
    OkHttpClient client = base.newBuilder()
        .connectionPool(pool)
        .cookieJar(cookies)
        .eventListenerFactory(call -> {
          PhaseTimer timer = call.request().tag(PhaseTimer.class);
          return timer != null ? timer : EventListener.NONE;
        })
        // A network interceptor runs for every request on the wire (redirects too), after
        // OkHttp's own defaults, so our User-Agent wins; every hop of a step names the step's
        // span as its parent, so all of the shop's server spans for it hang under that span.
        .addNetworkInterceptor(chain -> {
          ParentSpan parent = chain.request().tag(ParentSpan.class);
          String traceparent = parent != null
              ? trace.traceparent(parent.spanId()) : trace.nextTraceparent();
          return chain.proceed(chain.request().newBuilder()
              .header("User-Agent", userAgent)
              .header("traceparent", traceparent)
              .build());
        })
        .build();
    return new RunSession(client, pool, cookies, bodyReader, trace, tlsClients);
  }
}
