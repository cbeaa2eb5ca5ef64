package io.cartprobe.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** JSON helpers for the demo: building bodies, parsing requests, the shared error shape. */
final class Json {

  /** Configured once, never changed afterwards: Jackson mappers are thread-safe in that state. */
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array(Collection<String> values) {
    var array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** {@code {"error": {"type": ..., "message": ...}}}, the error shape of the shop and the gateway. */
  static ObjectNode error(String type, String message) {
    return error(type, null, message);
  }

  /** {@code {"error": {"type": ..., "code": ..., "message": ...}}}; null fields are left out. */
  static ObjectNode error(String type, String code, String message) {
    var body = object();
    var error = body.putObject("error").put("type", type);
    if (code != null) {
      error.put("code", code);
    }
    if (message != null) {
      error.put("message", message);
    }
    return body;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Parses a request body; anything that is not a JSON object is a 400. */
  static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid_json", "request body is not valid JSON: "
          + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("invalid_json", "request body could not be read");
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw ApiError.badRequest("invalid_json", "request body must be a JSON object");
  }

  /** Parses an upstream answer, keeping a non-JSON one as a string. */
  static JsonNode parseLenient(byte[] body) {
    try {
      var node = MAPPER.readTree(body);
      return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    } catch (java.io.IOException e) {
      return JsonNodeFactory.instance.textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
