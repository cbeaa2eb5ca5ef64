package io.cartprobe.agent;

import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.ScheduleListener;
import io.cartprobe.schedule.SkipReason;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds the scheduler's lag and skips into the metrics. */
final class SchedulerMetrics implements ScheduleListener {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final AgentMetrics metrics;

  SchedulerMetrics(AgentMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void runStarted(PairKey pair, Duration lag) {
    metrics.runStarted(lag);
  }

  @Override
  public void runSkipped(PairKey pair, SkipReason reason) {
    metrics.runSkipped(pair.probe(), pair.environment(), pair.variant(), reason);
    log.atDebug().addKeyValue("probe", pair.probe()).addKeyValue("env", pair.environment())
        .addKeyValue("variant", pair.variant())
        .log("run skipped: {}", reason.label());
  }
}
