package io.cartprobe.metrics;

import io.cartprobe.schedule.SkipReason;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own health: how late the scheduler starts runs, which runs it skipped, whether the
 * last reload was accepted, a heartbeat for a dead man's switch, and the build version.
 */
public final class AgentMetrics {

  static final String SCHEDULER_LAG = "cartprobe.scheduler.lag"; // cartprobe_scheduler_lag_seconds
  static final String SKIPPED = "cartprobe.probe.skipped"; // cartprobe_probe_skipped_total
  static final String EVIDENCE = "cartprobe.evidence.runs"; // ..._runs_total
  static final String ABANDONED = "cartprobe.runs.abandoned"; // cartprobe_runs_abandoned_total
  static final String RELOAD_OK =
      "cartprobe.config.last.reload.successful"; // cartprobe_config_last_reload_successful
  static final String HEARTBEAT =
      "cartprobe.agent.heartbeat.timestamp"; // cartprobe_agent_heartbeat_timestamp_seconds
  static final String BUILD_INFO = "cartprobe.build.info"; // cartprobe_build_info

  /** From "on time" to "a whole interval late": 1 ms .. 10 s. */
  private static final Duration[] LAG_SLOS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final MeterRegistry registry;
  private final AtomicInteger reloadOk = new AtomicInteger(1);
  private final SettableGauges heartbeat;
  private final Timer schedulerLag;

  /**
   * @param version the build version, e.g. {@code 0.1.0}
   * @param now the first heartbeat: the agent is alive from its start
   */
  public AgentMetrics(MeterRegistry registry, String version, Instant now) {
    this.registry = registry;
    // The running configuration was accepted, or the agent would not have started.
    Gauge.builder(RELOAD_OK, reloadOk, AtomicInteger::get)
        .description("1 if the last configuration reload was accepted, 0 if it was rejected")
        .strongReference(true)
        .register(registry);
    // Micrometer exports a gauge named *.info as a Prometheus info metric: value 1, labels only.
    Gauge.builder(BUILD_INFO, () -> 1)
        .description("The running cartprobe build; always 1")
        .tag("version", version)
        .strongReference(true)
        .register(registry);
    heartbeat = new SettableGauges(registry, HEARTBEAT,
        "Unix time of the agent's last heartbeat; stale or absent means the agent is stuck or gone",
        "seconds");
    heartbeat(now);
    schedulerLag = Timer.builder(SCHEDULER_LAG)
        .description("Start time of a probe run minus its planned time")
        .publishPercentileHistogram(false)
        .serviceLevelObjectives(LAG_SLOS)
        .register(registry);
  }

  /**
   * A run started {@code lag} after its planned time (negative lag counts as on time). One
   * agent-wide histogram, not one per probe: lag is the scheduler's health, and 15 bucket series
   * per target would dominate a scrape of a thousand targets.
   */
  public void runStarted(Duration lag) {
    schedulerLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  public void runSkipped(String probe, String env, String variant, SkipReason reason) {
    Counter.builder(SKIPPED)
        .description("Scheduled runs that did not start, by reason")
        .tags(Tags.of("env", env, "probe", probe, "reason", reason.label(), "variant", variant))
        .register(registry)
        .increment();
  }

  /**
   * An evidence probe consulted for a failed checkout: {@code ran} now, {@code fresh} (it had
   * already run since the checkout started), {@code reused} (ran within the minimum interval),
   * or {@code skipped} (the scheduler could not start it).
   */
  public void evidenceUsed(String probe, String env, String outcome) {
    Counter.builder(EVIDENCE)
        .description("Evidence probes consulted for failed checkouts, by what was done")
        .tags(Tags.of("env", env, "probe", probe, "outcome", outcome, "variant", ""))
        .register(registry)
        .increment();
  }

  /**
   * A run outstayed every limit of its config and the agent stopped waiting for it (recorded as
   * a {@code timeout} failure). Any increase is a cartprobe bug worth a report: some work is not
   * under the run's deadline.
   */
  public void runAbandoned(String probe, String env) {
    Counter.builder(ABANDONED)
        .description("Runs given up on after their timeout, retries and cleanup were all spent")
        .tags(Tags.of("env", env, "probe", probe))
        .register(registry)
        .increment();
  }

  public void reloadResult(boolean accepted) {
    reloadOk.set(accepted ? 1 : 0);
  }

  /** Called by the scheduling loop, so a stuck scheduler shows even while /metrics still answers. */
  public void heartbeat(Instant now) {
    heartbeat.set(Tags.empty(), now.toEpochMilli() / 1000.0);
  }
}
