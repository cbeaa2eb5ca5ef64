package io.cartprobe.alert.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Webhook POSTs over OkHttp. One client (one connection pool) for every webhook; the per-webhook
 * {@code timeout} bounds the whole call. OkHttp's own retry on connection failure is off: retries
 * are delivery's business, with backoff.
 */
public final class OkHttpTransport implements Transport {

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
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    OkHttpClient timed = client.newBuilder().callTimeout(timeout).build();
    try (Response response = timed.newCall(request.build()).execute()) {
      return new Reply(response.code(), Optional.ofNullable(response.header("Retry-After")));
    }
  }
}
