package io.cartprobe.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Whether each alert instance (alert, probe, env) is firing; created on its first evaluation. */
public final class AlertMetrics {

  static final String FIRING = "cartprobe.alert.firing"; // cartprobe_alert_firing

  private final SettableGauges firing;

  public AlertMetrics(MeterRegistry registry) {
    firing = new SettableGauges(registry, FIRING,
        "1 while the alert instance is firing, 0 otherwise", null);
  }

  public void state(String alert, String probe, String env, String variant, boolean isFiring) {
    firing.set(Tags.of("alert", alert, "env", env, "probe", probe, "variant", variant),
        isFiring ? 1 : 0);
  }
}
