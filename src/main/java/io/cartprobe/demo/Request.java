package io.cartprobe.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as the demo's handlers see it: method, path parameters, headers, body. */
record Request(String method, String path, Map<String, String> params, Headers headers, byte[] body) {

  Request {
    params = Map.copyOf(params);
  }

  String param(String name) {
    var value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no path parameter " + name);
    }
    return value;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.getFirst(name)).filter(v -> !v.isBlank());
  }

  /** The body as a JSON object; anything else is a 400. */
  ObjectNode json() {
    return Json.parseObject(body);
  }
}
