package io.cartprobe.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import io.cartprobe.result.HttpFacts;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/** What came of sending one request: a complete response, or a failure at some stage. */
public sealed interface HttpExchange {

  Phases phases();

  /** True when the request may have reached the server (its headers began to be written). */
  boolean requestSent();

  /**
   * Wall time from handing the call to OkHttp to the end of the body (or the failure), the
   * client's own work included: what the step's deadline is measured against.
   */
  Duration elapsed();

  /** The exchange's time on the network, the sum of its phases: the step's reported duration. */
  default Duration duration() {
    return phases().total();
  }

  /**
   * The response status line and headers, when they arrived.
   *
   * @param certNotAfter over HTTPS, the earliest {@code notAfter} of the server's verified
   *     certificate chain (the weakest link decides when the chain stops working)
   */
  record Head(int status, Headers headers, HttpUrl url, Optional<Instant> certNotAfter,
      HttpFacts facts) {}

  record Completed(Head head, String body, Phases phases, boolean requestSent, Duration elapsed)
      implements HttpExchange {}

  /**
   * @param head present when the failure happened while reading the body
   * @param partialBody the beginning of a body that was refused for its size, when known
   */
  record Failed(
      IOException error,
      Optional<Head> head,
      Optional<String> partialBody,
      Phases phases,
      boolean requestSent,
      Duration elapsed) implements HttpExchange {}
}
