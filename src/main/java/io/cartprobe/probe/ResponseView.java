package io.cartprobe.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A received response as the checks see it, with the deadline they must finish by; the body
 * is parsed as JSON at most once.
 */
final class ResponseView {

  private final int status;
  private final Headers headers;
  private final String body;
  private final Duration latency;
  private final HttpUrl url;
  private final List<Cookie> runCookies;
  private final Optional<Instant> certNotAfter;
  private final Deadline deadline;
  private Optional<Object> json;

  ResponseView(int status, Headers headers, String body, Duration latency, HttpUrl url,
      List<Cookie> runCookies, Optional<Instant> certNotAfter, Deadline deadline) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.latency = latency;
    this.url = url;
    this.runCookies = List.copyOf(runCookies);
    this.certNotAfter = certNotAfter;
    this.deadline = deadline;
  }

  Deadline deadline() {
    return deadline;
  }

  /** Text for a pattern to match, stopping the matcher at the deadline. */
  CharSequence matchable(String text) {
    return DeadlineText.of(text, deadline);
  }

  /** Over HTTPS, the earliest expiry of the server's certificate chain; empty over http. */
  Optional<Instant> certNotAfter() {
    return certNotAfter;
  }

  int status() {
    return status;
  }

  Headers headers() {
    return headers;
  }

  String body() {
    return body;
  }

  Duration latency() {
    return latency;
  }

  Optional<Object> json() {
    if (json == null) {
      json = Json.parse(body, deadline);
    }
    return json;
  }

  /** A cookie this response set, else one the run already holds for this URL. */
  Optional<String> cookie(String name) {
    return Cookie.parseAll(url, headers).stream()
        .filter(c -> c.name().equals(name)).map(Cookie::value).reduce((a, b) -> b)
        .or(() -> runCookies.stream().filter(c -> c.name().equals(name)).map(Cookie::value)
            .findFirst());
  }
}
