package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A multi-step HTTP flow: cart, payment, order, values carried between steps. */
public record CheckoutProbe(
    String name,
    List<String> environments,
    Duration interval,
    Duration timeout,
    Duration intervalWhenFailing,
    int retries,
    Map<String, String> vars,
    List<Step> steps,
    List<Step> cleanup,
    ClientSettings client) implements ProbeConfig {

  public CheckoutProbe {
    environments = List.copyOf(environments);
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    steps = List.copyOf(steps);
    cleanup = List.copyOf(cleanup);
  }

  public CheckoutProbe(String name, List<String> environments, Duration interval, Duration timeout,
      Duration intervalWhenFailing, int retries, Map<String, String> vars, List<Step> steps,
      List<Step> cleanup) {
    this(name, environments, interval, timeout, intervalWhenFailing, retries, vars, steps, cleanup,
        ClientSettings.NONE);
  }

  @Override
  public CheckoutProbe withTimeout(Duration newTimeout) {
    return new CheckoutProbe(name, environments, interval, newTimeout, intervalWhenFailing, retries,
        vars, steps, cleanup, client);
  }
}
