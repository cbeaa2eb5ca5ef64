package io.cartprobe.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole probes.yaml, validated. Every collection is immutable and keeps the file's order.
 * Built only by {@link ConfigLoader}, which reports every error of a file at once.
 */
public record CartprobeConfig(
    Path source,
    AgentConfig agent,
    Map<String, Environment> environments,
    List<ProbeConfig> probes,
    List<AlertRule> alerts,
    List<Silence> silences,
    List<Webhook> webhooks) {

  public CartprobeConfig {
    environments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
    probes = List.copyOf(probes);
    alerts = List.copyOf(alerts);
    silences = List.copyOf(silences);
    webhooks = List.copyOf(webhooks);
  }

  public Optional<ProbeConfig> probe(String name) {
    return probes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every secret value of every environment: what redaction must hide. */
  public List<String> allSecretValues() {
    return environments.values().stream().flatMap(e -> e.secrets().values().stream()).toList();
  }
}
