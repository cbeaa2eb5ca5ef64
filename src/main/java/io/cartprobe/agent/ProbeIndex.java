package io.cartprobe.agent;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.Variant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The current config's probes and their variants by name, built once per config: every run
 * looks its probe up, and a scan of the probe list (and a rebuild of its matrix) per run costs
 * in proportion to the number of probes.
 */
final class ProbeIndex {

  /** One config and its probes by name. */
  record Indexed(CartprobeConfig config, Map<String, ProbeConfig> probes,
      Map<String, Map<String, Variant>> variants) {

    Optional<ProbeConfig> probe(String name) {
      return Optional.ofNullable(probes.get(name));
    }

    Optional<Variant> variant(String probe, String id) {
      return Optional.ofNullable(variants.getOrDefault(probe, Map.of()).get(id));
    }
  }

  private final Supplier<CartprobeConfig> config;
  private volatile Indexed built;

  ProbeIndex(Supplier<CartprobeConfig> config) {
    this.config = config;
  }

  /** The index of the config in force now (rebuilt when a reload has swapped it). */
  Indexed current() {
    CartprobeConfig now = config.get();
    Indexed last = built;
    if (last != null && last.config() == now) {
      return last;
    }
    Map<String, ProbeConfig> probes = new HashMap<>();
    Map<String, Map<String, Variant>> variants = new HashMap<>();
    for (ProbeConfig probe : now.probes()) {
      if (probes.putIfAbsent(probe.name(), probe) == null) { // the first of a name, as probe() finds
        Map<String, Variant> byId = new HashMap<>();
        probe.variants().forEach(v -> byId.putIfAbsent(v.id(), v));
        variants.put(probe.name(), Map.copyOf(byId));
      }
    }
    Indexed fresh = new Indexed(now, Map.copyOf(probes), Map.copyOf(variants));
    built = fresh;
    return fresh;
  }
}
