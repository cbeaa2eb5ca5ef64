package io.cartprobe.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** When a failed POST goes again at once (a dead pooled connection) and when it does not. */
class OkHttpTransportTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void aReceiverThatClosesAfterEveryAnswerGetsEveryPostOnce() throws Exception {
    OkHttpTransport transport = new OkHttpTransport();
    try (ClosingReceiver receiver = new ClosingReceiver()) {
      for (int i = 0; i < 20; i++) {
        assertThat(transport.post(receiver.url("/hook"), Map.of(), "{\"n\":" + i + "}", TIMEOUT)
            .status()).as("post %d", i).isEqualTo(200);
      }
      assertThat(receiver.bodies).hasSize(20).startsWith("{\"n\":0}").endsWith("{\"n\":19}");
    }
  }

  @Test
  void withoutTheRetryThePooledConnectionFailsTheNextPost() throws Exception {
    // The failure the transport recovers from, shown on a plain client.
    OkHttpClient plain = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    try (ClosingReceiver receiver = new ClosingReceiver()) {
      assertThat(post(plain, receiver.url("/hook"))).isEqualTo(200);
      assertThatThrownBy(() -> post(plain, receiver.url("/hook"))).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aFailureOnANewConnectionIsNotSentAgain() throws Exception {
    try (ClosingReceiver receiver = ClosingReceiver.silent()) {
      assertThatThrownBy(() -> new OkHttpTransport().post(receiver.url("/hook"), Map.of(), "{}", TIMEOUT))
          .isInstanceOf(IOException.class);
      assertThat(receiver.bodies).hasSize(1);
      assertThat(receiver.connections()).isEqualTo(1);
    }
  }

  @Test
  void aTimeoutOnAPooledConnectionIsNotSentAgain() throws Exception {
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.start(InetAddress.getByName("127.0.0.1"), 0);
      receiver.enqueue(new MockResponse.Builder().code(200).build());
      receiver.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
      receiver.enqueue(new MockResponse.Builder().code(200).build());
      OkHttpTransport transport = new OkHttpTransport();
      String url = receiver.url("/hook").toString();
      assertThat(transport.post(url, Map.of(), "{}", TIMEOUT).status()).isEqualTo(200);
      assertThatThrownBy(() -> transport.post(url, Map.of(), "{}", Duration.ofMillis(200)))
          .isInstanceOf(InterruptedIOException.class);
      assertThat(receiver.getRequestCount()).isEqualTo(2);
    }
  }

  private static int post(OkHttpClient client, String url) throws IOException {
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }
}
