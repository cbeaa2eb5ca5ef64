package io.cartprobe.probe;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer per test: the real OkHttp client talks to a real socket. */
abstract class ServerTest {

  protected MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The server's base URL without a trailing slash, for "{{base_url}}"-style use. */
  protected String base() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  protected void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  protected void enqueueJson(int code, String json) {
    server.enqueue(new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(json).build());
  }

  protected RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(30, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the server received no request");
    }
    return r;
  }
}
