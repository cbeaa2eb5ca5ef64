package io.cartprobe.config;

import java.time.Instant;
import java.util.List;

/** A maintenance window: probes keep running, matching alerts stay quiet. */
public record Silence(
    List<String> probes, List<String> environments, Instant from, Instant until, String reason) {

  public Silence {
    probes = List.copyOf(probes);
    environments = List.copyOf(environments);
  }

  public boolean covers(String probe, String environment, Instant at) {
    return (probes.isEmpty() || probes.contains(probe))
        && (environments.isEmpty() || environments.contains(environment))
        && !at.isBefore(from)
        && at.isBefore(until);
  }
}
