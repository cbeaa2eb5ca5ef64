package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checked request to the payment gateway's health or configuration API. {@code watch} lists
 * JSONPaths whose values are recorded and diffed between runs.
 */
public record GatewayConfigProbe(
    String name,
    List<String> environments,
    Duration interval,
    Duration timeout,
    Duration intervalWhenFailing,
    int retries,
    Map<String, String> vars,
    Step check,
    List<String> watch,
    ClientSettings client) implements ProbeConfig {

  public GatewayConfigProbe {
    environments = List.copyOf(environments);
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    watch = List.copyOf(watch);
  }

  public GatewayConfigProbe(String name, List<String> environments, Duration interval,
      Duration timeout, Duration intervalWhenFailing, int retries, Map<String, String> vars,
      Step check, List<String> watch) {
    this(name, environments, interval, timeout, intervalWhenFailing, retries, vars, check, watch,
        ClientSettings.NONE);
  }

  @Override
  public GatewayConfigProbe withTimeout(Duration newTimeout) {
    return new GatewayConfigProbe(name, environments, interval, newTimeout, intervalWhenFailing,
        retries, vars, check, watch, client);
  }

  @Override
  public List<Step> steps() {
    return List.of(check);
  }
}
