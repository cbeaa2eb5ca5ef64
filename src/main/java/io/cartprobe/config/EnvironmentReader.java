package io.cartprobe.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code environments:}, a map of name to {@code {vars, headers, secrets, tls, auth}}. */
final class EnvironmentReader {

  static final List<String> KEYS = List.of("vars", "headers", "secrets", "tls", "auth");

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
    List<Templates.Use> uses = new java.util.ArrayList<>();
    Environment env = new Environment(name,
        m.get("vars").map(Cursor::stringMap).orElse(Map.of()),
        m.get("headers").map(Cursor::stringMap).orElse(Map.of()),
        m.get("secrets").map(Cursor::stringMap).orElse(Map.of()),
        ClientSettingsReader.read(m, uses));
    // An environment's auth sees its own vars and secrets and the built-ins, nothing of a probe.
    var scope = new Templates.Scope(List.of(env), java.util.Set.of(), java.util.Set.of(), Map.of());
    uses.forEach(u -> Templates.check(u, scope));
    return env;
  }
}
