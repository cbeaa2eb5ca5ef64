package io.cartprobe.config;

import com.jayway.jsonpath.JsonPath;
import java.util.Optional;

/** Compiles JSONPaths at load time, so a typo fails `validate`, not the first probe run. */
final class JsonPaths {

  private JsonPaths() {}

  /** @param at where the path is written: its value (extract, watch) or the value of its key (expect.json) */
  static Optional<JsonPath> compile(Cursor at, String path) {
    String shown = at.shown(path, "'" + path + "'");
    if (!path.startsWith("$")) {
      at.error("invalid JSONPath " + shown + ": must start with '$'");
      return Optional.empty();
    }
    if (path.contains("=~")) {
      // Jayway matches these with java.util.regex, which backtracks on the response's text
      // where no deadline can stop it.
      at.errorAt("=~", "regex filter '=~' is not supported in JSONPath " + shown
          + " (select the value with a plain path and check it with matches:, which uses RE2)");
      return Optional.empty();
    }
    try {
      return Optional.of(JsonPath.compile(path));
    } catch (RuntimeException e) {
      at.error("invalid JSONPath " + shown + ": " + reason(e));
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
