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
    ClientSettings client,
    Matrix matrix) implements ProbeConfig {

  public CheckoutProbe {
    matrix = matrix == null ? Matrix.NONE : matrix;
    environments = List.copyOf(environments);
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    steps = List.copyOf(steps);
    cleanup = List.copyOf(cleanup);
  }

  public CheckoutProbe(String name, List<String> environments, Duration interval, Duration timeout,
      Duration intervalWhenFailing, int retries, Map<String, String> vars, List<Step> steps,
      List<Step> cleanup) {
    this(name, environments, interval, timeout, intervalWhenFailing, retries, vars, steps, cleanup,
        ClientSettings.NONE, Matrix.NONE);
  }

  public CheckoutProbe(String name, List<String> environments, Duration interval, Duration timeout,
      Duration intervalWhenFailing, int retries, Map<String, String> vars, List<Step> steps,
      List<Step> cleanup, ClientSettings client) {
    this(name, environments, interval, timeout, intervalWhenFailing, retries, vars, steps, cleanup,
        client, Matrix.NONE);
  }

  /** The flow of one variant: its matrix values join the probe's vars (no key clashes, by config). */
  @Override
  public CheckoutProbe forVariant(Variant variant) {
    if (variant.isNone()) {
      return this;
    }
    Map<String, String> withValues = new LinkedHashMap<>(vars);
    withValues.putAll(variant.values());
    return new CheckoutProbe(name, environments, interval, timeout, intervalWhenFailing, retries,
        withValues, steps, cleanup, client, matrix);
  }

  @Override
  public CheckoutProbe withTimeout(Duration newTimeout) {
    return new CheckoutProbe(name, environments, interval, newTimeout, intervalWhenFailing, retries,
        vars, steps, cleanup, client, matrix);
  }
}
