package io.cartprobe.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reading and writing the few value shapes history's JSON uses, the way {@code ResultJson} writes them. */
public final class JsonFields {

  private JsonFields() {}

  /** Seconds as a number, as Prometheus and {@code ResultJson} do. */
  public static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  public static Duration duration(JsonNode node, String field) {
    return Duration.ofNanos(Math.round(required(node, field).asDouble() * 1e9));
  }

  public static Instant instant(JsonNode node, String field) {
    return Instant.parse(text(node, field));
  }

  public static Optional<Instant> optionalInstant(JsonNode node, String field) {
    return optionalText(node, field).map(Instant::parse);
  }

  public static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string");
    }
    return value.asText();
  }

  public static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  public static Optional<Integer> optionalInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? Optional.empty() : Optional.of(value.asInt());
  }

  public static void put(ObjectNode node, String field, Optional<String> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }

  public static void putInt(ObjectNode node, String field, Optional<Integer> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }

  public static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }
}
