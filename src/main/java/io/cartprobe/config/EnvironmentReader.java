package io.cartprobe.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code environments:}, a map of name to {@code {vars, headers, secrets}}. */
final class EnvironmentReader {

  static final List<String> KEYS = List.of("vars", "headers", "secrets");

  private EnvironmentReader() {}

  static Map<String, Environment> read(Cursor c) {
    Map<String, Environment> out = new LinkedHashMap<>();
    if (c.isNull() || c.node() instanceof org.yaml.snakeyaml.nodes.MappingNode m && m.getValue().isEmpty()) {
      c.error("no environments defined");
    }
    c.map().ifPresent(m -> m.entries().forEach(e -> out.put(e.key(), environment(e.key(), e.value()))));
    return out;
  }

  private static Environment environment(String name, Cursor c) {
    MapCursor m = c.map().orElse(MapCursor.empty(c)).allow(KEYS);
    return new Environment(name,
        m.get("vars").map(Cursor::stringMap).orElse(Map.of()),
        m.get("headers").map(Cursor::stringMap).orElse(Map.of()),
        m.get("secrets").map(Cursor::stringMap).orElse(Map.of()));
  }
}
