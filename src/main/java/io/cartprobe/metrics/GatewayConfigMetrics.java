package io.cartprobe.metrics;

import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ConfigChangeSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;

/**
 * Changes a gateway-config probe saw in its watched fields. Nothing is exported for a probe
 * until it sees its first change.
 */
public final class GatewayConfigMetrics implements ConfigChangeSink {

  static final String CHANGES = "cartprobe.gateway.config.changes"; // ..._changes_total
  static final String LAST_CHANGE = "cartprobe.gateway.config.last.change.timestamp";
  // -> cartprobe_gateway_config_last_change_timestamp_seconds

  private final MeterRegistry registry;
  private final SettableGauges lastChange;

  public GatewayConfigMetrics(MeterRegistry registry) {
    this.registry = registry;
    lastChange = new SettableGauges(registry, LAST_CHANGE,
        "Unix time at which a watched gateway configuration field last changed", "seconds");
  }

  @Override
  public void accept(ConfigChange change) {
    changeDetected(change.probe(), change.environment(), change.at());
  }

  public void changeDetected(String probe, String env, Instant at) {
    // Evidence probes have no matrix; the label is there so every probe series has it.
    Tags tags = Tags.of("env", env, "probe", probe, "variant", "");
    Counter.builder(CHANGES)
        .description("Runs of a gateway-config probe in which watched fields changed")
        .tags(tags)
        .register(registry)
        .increment();
    lastChange.set(tags, at.toEpochMilli() / 1000.0);
  }
}
