package io.cartprobe.metrics;

import io.cartprobe.schedule.SkipReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

  /** The Accept header Prometheus 2.x sends by default. */
  private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final MetricsExposition exposition = new MetricsExposition(agent);

  @AfterEach
  void close() {
    agent.close();
  }

  private void recordEverything() {
    ProbeMetrics probes = new ProbeMetrics(agent, Fixtures.config());
    probes.record(Fixtures.success("staging"));
    probes.record(Fixtures.failureAtPayment("staging"));
    probes.record(Fixtures.degraded("production"));
    probes.record(Fixtures.successAfterRetry("production"));
    AgentMetrics agentMetrics = new AgentMetrics(agent.registry(), "0.1.0", Instant.now());
    agentMetrics.runStarted(java.time.Duration.ofMillis(3));
    agentMetrics.runSkipped("checkout", "staging", "", SkipReason.CONCURRENCY_LIMIT);
  }

  @Test
  void prometheusDefaultAcceptGetsOpenMetricsEndingInEof() {
    recordEverything();
    MetricsExposition.Scrape scrape = exposition.scrape(PROMETHEUS_ACCEPT);
    assertThat(scrape.contentType())
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(scrape.body()).endsWith("# EOF\n");
    assertThat(scrape.body()).contains("# TYPE cartprobe_probe_runs counter",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"failure\"} 1.0",
        "cartprobe_build_info{location=\"eu\",version=\"0.1.0\"} 1");
  }

  @Test
  void plainOrMissingAcceptGetsTextFormat004() {
    recordEverything();
    for (String accept : new String[] {null, "", "*/*", "text/plain",
        "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5",
        "application/openmetrics-text;version=2.0.0", "application/openmetrics-text;q=0"}) {
      MetricsExposition.Scrape scrape = exposition.scrape(accept);
      assertThat(scrape.contentType()).as(accept)
          .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      assertThat(scrape.body()).as(accept).doesNotContain("# EOF");
    }
  }

  @Test
  void openMetricsIsChosenWhenPreferredOrTied() {
    assertThat(MetricsExposition.wantsOpenMetrics("application/openmetrics-text")).isTrue();
    assertThat(MetricsExposition.wantsOpenMetrics(
        "text/plain;q=0.5, application/openmetrics-text; version=1.0.0; q=0.9")).isTrue();
    assertThat(MetricsExposition.wantsOpenMetrics(
        "application/openmetrics-text;q=0.5,text/plain;q=0.5")).isTrue();
    assertThat(MetricsExposition.wantsOpenMetrics("application/openmetrics-text;q=abc")).isFalse();
  }

  @Test
  void everyContractNameAppearsExactlyAsInTheDesignTableAndPromtoolPasses() throws Exception {
    recordEverything();
    new TlsMetrics(agent.registry()).certificateSeen("checkout", "staging", "", "create_cart",
        Instant.parse("2026-06-01T00:00:00Z"));
    new GatewayConfigMetrics(agent.registry()).changeDetected("gateway-config", "staging",
        Instant.now());
    new AlertMetrics(agent).state("checkout-failing", "checkout", "staging", "", true);
    new WebhookMetrics(agent.registry()).delivery("oncall", DeliveryResult.DROPPED);
    String text = exposition.scrape(null).body();

    Set<String> types = Arrays.stream(text.split("\n"))
        .filter(l -> l.startsWith("# TYPE cartprobe_"))
        .map(l -> l.substring("# TYPE ".length()))
        .collect(Collectors.toSet());
    // The design's Metrics table, with each metric's Prometheus type. The only extra is
    // Micrometer's _max gauge beside the scheduler lag histogram (the probe and step duration
    // histograms are written by PairSeries, without one).
    assertThat(types).containsExactlyInAnyOrder(
        "cartprobe_probe_success gauge",
        "cartprobe_probe_duration_seconds histogram",
        "cartprobe_probe_runs_total counter",
        "cartprobe_probe_failures_total counter",
        "cartprobe_probe_last_success_timestamp_seconds gauge",
        "cartprobe_step_duration_seconds histogram",
        "cartprobe_step_phase_seconds gauge",
        "cartprobe_step_http_status gauge",
        "cartprobe_tls_cert_expiry_timestamp_seconds gauge",
        "cartprobe_gateway_config_changes_total counter",
        "cartprobe_gateway_config_last_change_timestamp_seconds gauge",
        "cartprobe_alert_firing gauge",
        "cartprobe_webhook_deliveries_total counter",
        "cartprobe_scheduler_lag_seconds histogram",
        "cartprobe_probe_skipped_total counter",
        "cartprobe_config_last_reload_successful gauge",
        "cartprobe_probe_attempts_total counter",
        "cartprobe_cleanup_failures_total counter",
        "cartprobe_agent_heartbeat_timestamp_seconds gauge",
        "cartprobe_build_info gauge",
        "cartprobe_scheduler_lag_seconds_max gauge");
    // every series, JVM and process ones included, carries the agent labels
    List<String> series = Arrays.stream(text.split("\n"))
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    assertThat(series).allMatch(l -> l.contains("location=\"eu\""));
    assertThat(text).contains("# TYPE jvm_memory_used_bytes gauge",
        "# TYPE process_cpu_seconds_total counter", "# TYPE process_uptime_seconds gauge",
        "# TYPE jvm_gc_memory_allocated_bytes_total counter", "# TYPE process_files_open_files gauge");
    Promtool.checkMetrics(text);
  }

  @Test
  void promtoolCheckIsNotVacuous() {
    // a gauge ending in _total and no HELP: promtool must reject it, so a pass above means something
    assertThatThrownBy(() -> Promtool.checkMetrics("# TYPE bad_total gauge\nbad_total 1\n"))
        .isInstanceOf(AssertionError.class);
  }
}
