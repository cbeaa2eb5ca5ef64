package io.cartprobe.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole probes.yaml, validated. Every collection is immutable and keeps the file's order.
 * Built only by {@link ConfigLoader}, which reports every error of a file at once.
 *
 * @param warnings what is valid but risky (e.g. {@code insecure_skip_verify}), located like errors
 */
public record CartprobeConfig(
    Path source,
    AgentConfig agent,
    Map<String, Environment> environments,
    List<ProbeConfig> probes,
    List<AlertRule> alerts,
    List<Silence> silences,
    List<Webhook> webhooks,
    List<Slo> slos,
    List<ConfigError> warnings) {

  public CartprobeConfig {
    environments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
    probes = List.copyOf(probes);
    alerts = List.copyOf(alerts);
    silences = List.copyOf(silences);
    webhooks = List.copyOf(webhooks);
    slos = List.copyOf(slos);
    warnings = List.copyOf(warnings);
  }

  public CartprobeConfig(Path source, AgentConfig agent, Map<String, Environment> environments,
      List<ProbeConfig> probes, List<AlertRule> alerts, List<Silence> silences,
      List<Webhook> webhooks) {
    this(source, agent, environments, probes, alerts, silences, webhooks, List.of(), List.of());
  }

  public Optional<ProbeConfig> probe(String name) {
    return probes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every secret value of every environment: what redaction must hide. */
  public List<String> allSecretValues() {
    return environments.values().stream().flatMap(e -> e.secrets().values().stream()).toList();
  }
}
