package io.cartprobe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code type: provider-status} probe's own keys: {@code request} (required), {@code component} (who the provider answers for, default
 * {@code payment-gateway}) and {@code components} (a list of the status page's component names).
 * Its step expects a 2xx answer; what the page says is judged by the probe engine.
 */
final class ProviderStatusReader {

  /** What the reader found; the caller adds the schedule keys. */
  record Read(Step check, List<String> components) {}

  private ProviderStatusReader() {}

  static ProviderStatusProbe read(MapCursor m, String name, Optional<Templates.Scope> scope,
      Function<Read, ProviderStatusProbe> build) {
    List<Templates.Use> uses = new ArrayList<>();
    RequestSpec request = m.required("request").map(r -> StepReader.request(r, uses))
        .orElse(StepReader.placeholderRequest());
    scope.ifPresent(s -> uses.forEach(u -> Templates.check(u, s)));
    String component = m.get("component").flatMap(Cursor::string)
        .orElse(ProbeReader.DEFAULT_GATEWAY_COMPONENT);
    List<String> components = m.get("components").map(ProviderStatusReader::components)
        .orElse(List.of());
    Step check = new Step(name, component, request, Expect.defaults(), Map.of(), List.of());
    return build.apply(new Read(check, components));
  }

  /** A list of component names as the status page spells them; anything else is an error. */
  private static List<String> components(Cursor c) {
    List<String> names = new ArrayList<>();
    Optional<List<Cursor>> items = c.list();
    if (items.isEmpty()) {
      return names; // Cursor#list reported the wrong shape
    }
    if (items.get().isEmpty()) {
      c.error("expected at least one component name (leave the key out to watch every component)");
    }
    for (Cursor item : items.get()) {
      Optional<String> s = item.node() instanceof ScalarNode && !item.isNull() ? item.string()
          : Optional.empty();
      if (s.isEmpty() || s.get().isBlank()) {
        item.error("expected a component name as the status page shows it (a string, e.g. "
            + "\"Card payments\"), found " + item.describe());
      } else if (names.contains(s.get())) {
        item.error("duplicate component " + item.shown(s.get(), "\"" + s.get() + "\""));
      } else {
        names.add(s.get());
      }
    }
    return names;
  }
}
