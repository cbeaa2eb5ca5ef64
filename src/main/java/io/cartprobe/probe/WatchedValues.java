package io.cartprobe.probe;

import com.jayway.jsonpath.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a gateway-config probe's {@code watch} JSONPaths out of a response, as JSON text. */
final class WatchedValues {

  private WatchedValues() {}

  /**
   * Each path that is present, in the order listed, mapped to its value as canonical JSON
   * (object keys sorted), so a provider reordering keys is not mistaken for a change. Absent
   * paths are left out; a body that is not JSON yields nothing.
   */
  static Map<String, String> read(List<String> paths, ResponseView response) {
    if (paths.isEmpty()) {
      return Map.of();
    }
    Optional<Object> document = response.json();
    if (document.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String path : paths) {
      if (Json.read(JsonPath.compile(path), document.get(), response.deadline())
          instanceof Json.Found(Object value)) {
        values.put(path, Json.canonical(value));
      }
    }
    return values;
  }
}
