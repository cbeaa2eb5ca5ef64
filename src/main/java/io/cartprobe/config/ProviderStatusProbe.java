package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of a payment provider's public status page (Atlassian Statuspage v2
 * {@code summary.json}): what the provider itself says. {@code components} narrows it to the
 * components the shop depends on (empty: every component and every incident).
 */
public record ProviderStatusProbe(
    String name,
    List<String> environments,
    Duration interval,
    Duration timeout,
    Duration intervalWhenFailing,
    int retries,
    Map<String, String> vars,
    Step check,
    List<String> components,
    ClientSettings client) implements ProbeConfig {

  public ProviderStatusProbe {
    environments = List.copyOf(environments);
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    components = List.copyOf(components);
  }

  @Override
  public ProviderStatusProbe withTimeout(Duration newTimeout) {
    return new ProviderStatusProbe(name, environments, interval, newTimeout, intervalWhenFailing,
        retries, vars, check, components, client);
  }

  @Override
  public List<Step> steps() {
    return List.of(check);
  }
}
