package io.cartprobe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.Timings;
import java.time.Duration;
import java.util.Optional;

/** The current document's Navigation Timing as a step's phases, and where the page is. */
record Navigation(Timings timings, Optional<Duration> domContentLoaded, Optional<Duration> load,
    Optional<Integer> status, String url) {

  static Navigation read(Page page, Duration timeout) {
    try {
      String url = page.evaluate(Optional.empty(), Scripts.URL, timeout).asText("");
      JsonNode n = page.evaluate(Optional.empty(), Scripts.NAVIGATION_TIMING, timeout);
      if (n == null || !n.isObject()) {
        return new Navigation(Timings.NONE, Optional.empty(), Optional.empty(), Optional.empty(), url);
      }
      Timings t = new Timings(ms(n, "dns"), ms(n, "connect"), ms(n, "tls"), ms(n, "request"),
          ms(n, "ttfb"), ms(n, "transfer"));
      int status = n.path("status").asInt();
      return new Navigation(t, positive(ms(n, "dcl")), positive(ms(n, "load")),
          status > 0 ? Optional.of(status) : Optional.empty(), url);
    } catch (BrowserException e) {
      return new Navigation(Timings.NONE, Optional.empty(), Optional.empty(), Optional.empty(), "");
    }
  }

  private static Duration ms(JsonNode n, String key) {
    return Duration.ofNanos((long) (Math.max(0, n.path(key).asDouble()) * 1_000_000));
  }

  private static Optional<Duration> positive(Duration d) {
    return d.isZero() ? Optional.empty() : Optional.of(d);
  }
}
