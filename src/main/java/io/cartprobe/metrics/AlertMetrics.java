package io.cartprobe.metrics;

/**
 * Whether each alert instance (alert, probe, env, variant) is firing; created on its first
 * evaluation. Setting an unchanged state writes nothing.
 */
public final class AlertMetrics {

  private final PairSeries series;

  public AlertMetrics(AgentRegistry agent) {
    series = agent.pairSeries();
  }

  public void state(String alert, String probe, String env, String variant, boolean isFiring) {
    series.firing(alert, probe, env, variant, isFiring).set(isFiring);
  }
}
