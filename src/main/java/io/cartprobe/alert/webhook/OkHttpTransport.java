package io.cartprobe.alert.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook POSTs over OkHttp. One client (one connection pool) for every webhook; the per-webhook
 * {@code timeout} bounds the whole attempt.
 *
 * <p>OkHttp's {@code retryOnConnectionFailure} stays off: it would also re-send a POST that
 * failed on a <em>fresh</em> connection (once per route) and repeat a 408 at once, which is
 * delivery's business, with backoff. What it gets right is the stale pooled connection: a receiver
 * that closes after each answer (HTTP/1.0 style, like Python's {@code http.server}) or whose
 * keep-alive ran out leaves a dead socket in the pool, and OkHttp only checks an idle POST
 * connection's health after 10 s idle. That failure says nothing about the receiver, so here, and
 * only here, the request goes once more at once on a connection of its own. A timeout is never
 * treated so: the receiver was slow, not gone.
 */
public final class OkHttpTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(OkHttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;

  public OkHttpTransport() {
    this(new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
  }

  public OkHttpTransport(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public Reply post(String url, Map<String, String> headers, String body, Duration timeout)
      throws IOException {
    Request.Builder builder = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(builder::header);
    Request request = builder.build();
    long deadline = System.nanoTime() + timeout.toNanos();
    ConnectionUse use = new ConnectionUse();
    try {
      return execute(client.newBuilder().callTimeout(timeout).eventListener(use).build(), request);
    } catch (IOException stale) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (!use.reusedPooledConnection() || stale instanceof InterruptedIOException
          || !left.isPositive()) {
        throw stale;
      }
      LOG.debug("webhook POST to {}: pooled connection was closed by the receiver ({}); "
          + "sending again on a new connection", SafeUrl.of(url), stale.toString());
      // A pool of its own guarantees a new connection, and keeps none after it.
      OkHttpClient fresh = client.newBuilder().callTimeout(left)
          .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
      try {
        return execute(fresh, request);
      } catch (IOException again) {
        again.addSuppressed(stale);
        throw again;
      }
    }
  }

  private static Reply execute(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Reply(response.code(), Optional.ofNullable(response.header("Retry-After")));
    }
  }

  /** One call's events: OkHttp announces a connect only for a new connection. */
  private static final class ConnectionUse extends EventListener {
    private volatile boolean connected;
    private volatile boolean acquired;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      acquired = true;
    }

    boolean reusedPooledConnection() {
      return acquired && !connected;
    }
  }
}
