package io.cartprobe.metrics;

import io.cartprobe.schedule.SkipReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

  private static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final AgentMetrics metrics = new AgentMetrics(agent.registry(), "0.1.0", T0);

  @AfterEach
  void close() {
    agent.close();
  }

  private List<String> scrapeLines() {
    return Arrays.asList(new MetricsExposition(agent).scrape(null).body().split("\n"));
  }

  @Test
  void buildInfoReloadAndHeartbeatExistFromTheStart() {
    assertThat(scrapeLines()).contains(
        "cartprobe_build_info{location=\"eu\",version=\"0.1.0\"} 1",
        "cartprobe_config_last_reload_successful{location=\"eu\"} 1.0",
        "cartprobe_agent_heartbeat_timestamp_seconds{location=\"eu\"} 1.7783208E9");
  }

  @Test
  void reloadAndHeartbeatFollowTheirMethods() {
    metrics.reloadResult(false);
    metrics.heartbeat(T0.plusMillis(1500));
    assertThat(scrapeLines()).contains(
        "cartprobe_config_last_reload_successful{location=\"eu\"} 0.0",
        "cartprobe_agent_heartbeat_timestamp_seconds{location=\"eu\"} 1.7783208015E9");
    metrics.reloadResult(true);
    assertThat(scrapeLines()).contains("cartprobe_config_last_reload_successful{location=\"eu\"} 1.0");
  }

  @Test
  void schedulerLagIsAHistogramFromOneMillisecondToTenSeconds() {
    metrics.runStarted(Duration.ofMillis(30));
    metrics.runStarted(Duration.ofMillis(-5));
    String prefix = "cartprobe_scheduler_lag_seconds_bucket{location=\"eu\",le=\"";
    List<String> buckets = scrapeLines().stream().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length(), l.indexOf('"', prefix.length()))).toList();
    assertThat(buckets).containsExactly("0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
        "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
    assertThat(scrapeLines()).contains(prefix + "0.001\"} 1", prefix + "0.05\"} 2",
        "cartprobe_scheduler_lag_seconds_count{location=\"eu\"} 2");
  }

  @Test
  void skippedRunsByBoundedReason() {
    metrics.runSkipped("checkout", "production", "", SkipReason.PREVIOUS_RUN_STILL_GOING);
    metrics.runSkipped("checkout", "production", "", SkipReason.PREVIOUS_RUN_STILL_GOING);
    metrics.runSkipped("checkout", "staging", "", SkipReason.CONCURRENCY_LIMIT);
    assertThat(scrapeLines()).contains(
        "cartprobe_probe_skipped_total{env=\"production\",location=\"eu\",probe=\"checkout\",reason=\"previous_run_still_going\",variant=\"\"} 2.0",
        "cartprobe_probe_skipped_total{env=\"staging\",location=\"eu\",probe=\"checkout\",reason=\"concurrency_limit\",variant=\"\"} 1.0");
  }

  @Test
  void laterIssueMetersExportNothingUntilUsed() {
    new TlsMetrics(agent.registry());
    new GatewayConfigMetrics(agent.registry());
    new AlertMetrics(agent);
    new WebhookMetrics(agent.registry());
    assertThat(scrapeLines()).noneMatch(l -> l.contains("cartprobe_tls_")
        || l.contains("cartprobe_gateway_") || l.contains("cartprobe_alert_")
        || l.contains("cartprobe_webhook_"));
  }

  @Test
  void laterIssueMetersHaveTheDesignNames() throws Exception {
    new TlsMetrics(agent.registry()).certificateSeen("gateway-config", "staging", "", "gateway-config",
        Instant.parse("2026-06-01T00:00:00Z"));
    GatewayConfigMetrics gateway = new GatewayConfigMetrics(agent.registry());
    gateway.changeDetected("gateway-config", "staging", T0);
    gateway.changeDetected("gateway-config", "staging", T0.plusSeconds(60));
    AlertMetrics alerts = new AlertMetrics(agent);
    alerts.state("checkout-failing", "checkout", "production", "", true);
    alerts.state("checkout-failing", "checkout", "staging", "", false);
    WebhookMetrics webhooks = new WebhookMetrics(agent.registry());
    webhooks.delivery("oncall", DeliveryResult.RETRIED);
    webhooks.delivery("oncall", DeliveryResult.DELIVERED);

    assertThat(scrapeLines()).contains(
        "cartprobe_tls_cert_expiry_timestamp_seconds{env=\"staging\",location=\"eu\",probe=\"gateway-config\",step=\"gateway-config\",variant=\"\"} 1.780272E9",
        "cartprobe_gateway_config_changes_total{env=\"staging\",location=\"eu\",probe=\"gateway-config\",variant=\"\"} 2.0",
        "cartprobe_gateway_config_last_change_timestamp_seconds{env=\"staging\",location=\"eu\",probe=\"gateway-config\",variant=\"\"} 1.77832086E9",
        "cartprobe_alert_firing{alert=\"checkout-failing\",env=\"production\",location=\"eu\",probe=\"checkout\"} 1.0",
        "cartprobe_alert_firing{alert=\"checkout-failing\",env=\"staging\",location=\"eu\",probe=\"checkout\"} 0.0",
        "cartprobe_webhook_deliveries_total{location=\"eu\",result=\"retried\",webhook=\"oncall\"} 1.0",
        "cartprobe_webhook_deliveries_total{location=\"eu\",result=\"delivered\",webhook=\"oncall\"} 1.0");
    Promtool.checkMetrics(new MetricsExposition(agent).scrape(null).body());
  }

  @Test
  void agentLabelsMustBeValidAndNotReserved() {
    assertThatThrownBy(() -> AgentRegistry.create(Map.of("probe", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    assertThatThrownBy(() -> AgentRegistry.create(Map.of("my-region", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label name");
  }
}
