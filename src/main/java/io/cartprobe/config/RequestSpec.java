package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request as written: every string may hold {@code {{templates}}}. */
public record RequestSpec(String method, String url, Map<String, String> headers, Body body) {

  public RequestSpec {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** GET, HEAD, PUT, DELETE, OPTIONS: safe to send twice. */
  public boolean idempotentMethod() {
    return switch (method) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
  }
}
