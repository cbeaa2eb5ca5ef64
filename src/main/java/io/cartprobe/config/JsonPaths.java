package io.cartprobe.config;

import com.jayway.jsonpath.JsonPath;
import java.util.Optional;

/** Compiles JSONPaths at load time, so a typo fails `validate`, not the first probe run. */
final class JsonPaths {

  private JsonPaths() {}

  static Optional<JsonPath> compile(Cursor at, String path) {
    if (!path.startsWith("$")) {
      at.error("invalid JSONPath '" + path + "': must start with '$'");
      return Optional.empty();
    }
    try {
      return Optional.of(JsonPath.compile(path));
    } catch (RuntimeException e) {
      at.error("invalid JSONPath '" + path + "': " + reason(e));
      return Optional.empty();
    }
  }

  /** Jayway sometimes reports a truncated path as the exception that hit it; say what it means. */
  private static String reason(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("IndexOutOfBounds") || e.getCause() instanceof IndexOutOfBoundsException) {
      return "unexpected end of path";
    }
    return message;
  }
}
