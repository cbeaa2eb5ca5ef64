package io.cartprobe.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import io.cartprobe.result.json.Json;
import java.io.IOException;
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

  /** The body as a JSON object (a tree: the client's JSON, checked field by field); else a 400. */
  ObjectNode json() {
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid_json", "request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("invalid_json", "request body could not be read");
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiError.badRequest("invalid_json", "request body must be a JSON object");
  }
}
