package io.cartprobe.metrics;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.result.StepResult;

/**
 * Turns each {@link ProbeResult} into the probe and step series of the design's Metrics table.
 *
 * <p>Every series of a probe carries its {@code variant} (left out when it is {@code ""}: a
 * probe without a matrix). Label values are only probe, environment, variant and step names from
 * the configuration and enum wire names: never a URL, trace id or body, so the number of series
 * is bounded by the config. The per-pair families are {@link PairSeries}' own (primitive state
 * resolved once per pair); the TLS expiry gauge stays a Micrometer meter.
 */
public final class ProbeMetrics implements ResultSink {

  private final PairSeries series;
  private final TlsMetrics tls;

  public ProbeMetrics(AgentRegistry agent, CartprobeConfig config) {
    this(agent);
    reconfigure(config);
  }

  /** Without a configuration: every pair gets the fixed buckets and all of its series. */
  public ProbeMetrics(AgentRegistry agent) {
    series = agent.pairSeries();
    tls = new TlsMetrics(agent.registry());
  }

  /** Records one finished run. Safe to call from many probe threads at once. */
  @Override
  public void accept(ProbeResult result) {
    record(result);
  }

  public void record(ProbeResult result) {
    series.record(result);
    for (StepResult step : result.steps()) {
      step.certNotAfter().ifPresent(notAfter -> tls.certificateSeen(result.probe(),
          result.environment(), result.variant(), step.name(), notAfter));
    }
  }

  /**
   * Applies a reloaded configuration: series of pairs that no longer exist stop being exported
   * (a removed probe must not report its last value forever), and a pair whose buckets, steps,
   * retries or cleanup changed starts its series again (Prometheus sees a counter reset, which
   * {@code rate()} handles).
   */
  public void reconfigure(CartprobeConfig config) {
    series.configure(config, LatencyBuckets.from(config));
  }
}
