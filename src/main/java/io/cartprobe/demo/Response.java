package io.cartprobe.demo;

import io.cartprobe.result.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, extra headers, body bytes and their content type. */
record Response(int status, Map<String, String> headers, String contentType, byte[] body) {

  Response {
    headers = Map.copyOf(headers);
  }

  /** {@code body} written compact by the shared mapper: a record of {@link Bodies}, or a tree. */
  static Response json(int status, Object body) {
    return new Response(status, Map.of(), "application/json; charset=utf-8",
        Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static Response text(int status, String body) {
    return new Response(status, Map.of(), "text/plain; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8));
  }

  static Response html(int status, String body) {
    return new Response(status, Map.of(), "text/html; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8));
  }

  Response withTrailingNewline() {
    byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
    withNewline[body.length] = '\n';
    return new Response(status, headers, contentType, withNewline);
  }

  Response withHeader(String name, String value) {
    var merged = new LinkedHashMap<>(headers);
    merged.put(name, value);
    return new Response(status, merged, contentType, body);
  }
}
