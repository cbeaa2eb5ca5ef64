package io.cartprobe.http;

import io.cartprobe.config.TlsConfig;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The connection pool, cookie jar and clients one run uses, kept by {@link ConnectionShelf}
 * for the next run once this one is over: building a pool and an OkHttp client for every run
 * was a measurable share of a small probe's CPU. A run holds it alone (it is never lent to two
 * runs at once), and it goes back to the shelf only emptied: no connection, no cookie. So every
 * run still looks up the name, connects and shakes hands afresh, and starts without cookies.
 */
final class RunConnections {

  /** Most probes use one {@code tls:} setting, a checkout maybe two or three. */
  static final int CLIENT_LIMIT = 8;

  /** Which client a call goes through: the TLS setting, and whether to race addresses. */
  record Variant(TlsConfig tls, boolean direct) {}

  private final OkHttpClient racing;
  private final OkHttpClient direct;
  private final TlsClients tlsClients;
  private final ConnectionPool pool = new ConnectionPool(5, 1, TimeUnit.MINUTES);
  private final RunCookieJar cookies = new RunCookieJar();
  /** Built when a run first needs one; all share this pool and jar. */
  private final Map<Variant, OkHttpClient> clients = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Variant, OkHttpClient> eldest) {
      return size() > CLIENT_LIMIT;
    }
  };

  /**
   * @param racing the shared client for host names (fast fallback races their addresses)
   * @param direct the same for IP literals, without fast fallback
   */
  RunConnections(OkHttpClient racing, OkHttpClient direct, TlsClients tlsClients) {
    this.racing = racing;
    this.direct = direct;
    this.tlsClients = tlsClients;
  }

  RunCookieJar cookies() {
    return cookies;
  }

  synchronized OkHttpClient client(Variant variant) throws GeneralSecurityException {
    OkHttpClient found = clients.get(variant);
    if (found == null) {
      OkHttpClient.Builder builder = (variant.direct() ? direct : racing).newBuilder()
          .connectionPool(pool).cookieJar(cookies);
      if (!variant.tls().isDefault()) {
        tlsClients.material(variant.tls()).applyTo(builder);
      }
      found = builder.build();
      clients.put(variant, found);
    }
    return found;
  }

  /**
   * Drops the run's connections and cookies; true when nothing is left, so the next run may
   * have it. A connection still carrying a call (one a stuck request holds) is not idle and
   * stays: such a pool is never handed on.
   */
  boolean empty() {
    if (pool.connectionCount() > 0) {
      pool.evictAll();
    }
    cookies.clear();
    return pool.connectionCount() == 0;
  }
}
