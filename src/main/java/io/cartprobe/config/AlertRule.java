package io.cartprobe.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An `alerts:` entry; empty probes/environments lists mean "all"; {@code webhooks} is `notify`. */
public record AlertRule(
    String name,
    List<String> probes,
    List<String> environments,
    AlertCondition when,
    int resolveAfter,
    List<String> inhibitedBy,
    String severity,
    Optional<Duration> repeat,
    Optional<String> runbook,
    List<String> webhooks) {

  public AlertRule {
    probes = List.copyOf(probes);
    environments = List.copyOf(environments);
    inhibitedBy = List.copyOf(inhibitedBy);
    webhooks = List.copyOf(webhooks);
  }
}
