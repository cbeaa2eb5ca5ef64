package io.cartprobe.metrics;

import static io.cartprobe.metrics.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final ProbeMetrics metrics = new ProbeMetrics(agent, config());

  @AfterEach
  void close() {
    agent.close();
  }

  private String scrape() {
    return new MetricsExposition(agent).scrape(null).body();
  }

  private List<String> scrapeLines() {
    return Arrays.asList(scrape().split("\n"));
  }

  @Test
  void successfulRunSetsSuccessTimestampAndStepGauges() {
    metrics.record(Fixtures.success("staging"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_success{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1.0",
        // end of the run: 10:00:00.350 UTC
        "cartprobe_probe_last_success_timestamp_seconds{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1.77832080035E9",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"success\"} 1.0",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"failure\"} 0.0",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"degraded\"} 0.0",
        "cartprobe_probe_attempts_total{env=\"staging\",location=\"eu\",outcome=\"first_try\",probe=\"checkout\"} 1.0",
        "cartprobe_probe_attempts_total{env=\"staging\",location=\"eu\",outcome=\"failed\",probe=\"checkout\"} 0.0",
        "cartprobe_step_http_status{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"create_cart\"} 201.0",
        "cartprobe_step_http_status{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"authorize_payment\"} 200.0",
        "cartprobe_step_phase_seconds{env=\"staging\",location=\"eu\",phase=\"dns\",probe=\"checkout\",step=\"create_cart\"} 0.002",
        "cartprobe_step_phase_seconds{env=\"staging\",location=\"eu\",phase=\"tls\",probe=\"checkout\",step=\"create_cart\"} 0.01",
        "cartprobe_step_phase_seconds{env=\"staging\",location=\"eu\",phase=\"ttfb\",probe=\"checkout\",step=\"authorize_payment\"} 0.2",
        "cartprobe_step_phase_seconds{env=\"staging\",location=\"eu\",phase=\"connect\",probe=\"checkout\",step=\"authorize_payment\"} 0.0",
        "cartprobe_probe_duration_seconds_count{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1",
        "cartprobe_probe_duration_seconds_sum{env=\"staging\",location=\"eu\",probe=\"checkout\"} 0.35",
        "cartprobe_step_duration_seconds_bucket{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"create_cart\",le=\"0.1\"} 0",
        "cartprobe_step_duration_seconds_bucket{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"create_cart\",le=\"0.25\"} 1");
    assertThat(scrapeLines()).noneMatch(l -> l.startsWith("cartprobe_probe_failures_total{"));
    // the probe has no cleanup steps: its cleanup failures could only read 0, so they are left out
    assertThat(scrapeLines()).noneMatch(l -> l.startsWith("cartprobe_cleanup_failures_total{"));
  }

  @Test
  void failedRunNamesStepAndReasonAndCountsCleanupFailures() {
    metrics.record(Fixtures.success("staging"));
    metrics.record(Fixtures.failureAtPayment("staging"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_success{env=\"staging\",location=\"eu\",probe=\"checkout\"} 0.0",
        "cartprobe_probe_failures_total{env=\"staging\",location=\"eu\",probe=\"checkout\",reason=\"status\",step=\"authorize_payment\"} 1.0",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"failure\"} 1.0",
        "cartprobe_probe_attempts_total{env=\"staging\",location=\"eu\",outcome=\"failed\",probe=\"checkout\"} 1.0",
        "cartprobe_cleanup_failures_total{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1.0",
        "cartprobe_step_http_status{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"authorize_payment\"} 402.0",
        // the earlier success's time is kept: that is what "last success" means
        "cartprobe_probe_last_success_timestamp_seconds{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1.77832080035E9");
  }

  @Test
  void noResponseAndSkippedStepsReadZeroNotAStaleValue() {
    metrics.record(Fixtures.success("staging"));
    metrics.record(Fixtures.connectFailureAtCart("staging"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_failures_total{env=\"staging\",location=\"eu\",probe=\"checkout\",reason=\"connect\",step=\"create_cart\"} 1.0",
        "cartprobe_step_http_status{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"create_cart\"} 0.0",
        "cartprobe_step_http_status{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"authorize_payment\"} 0.0",
        "cartprobe_step_phase_seconds{env=\"staging\",location=\"eu\",phase=\"ttfb\",probe=\"checkout\",step=\"authorize_payment\"} 0.0",
        // a skipped step did not run: its histogram does not count it
        "cartprobe_step_duration_seconds_count{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"authorize_payment\"} 1");
  }

  @Test
  void degradedCountsAsSuccessButIsItsOwnResult() {
    metrics.record(Fixtures.degraded("production"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_success{env=\"production\",location=\"eu\",probe=\"checkout\"} 1.0",
        "cartprobe_probe_runs_total{env=\"production\",location=\"eu\",probe=\"checkout\",result=\"degraded\"} 1.0",
        "cartprobe_probe_runs_total{env=\"production\",location=\"eu\",probe=\"checkout\",result=\"success\"} 0.0",
        "cartprobe_probe_attempts_total{env=\"production\",location=\"eu\",outcome=\"first_try\",probe=\"checkout\"} 1.0");
    assertThat(scrapeLines()).anyMatch(l -> l.startsWith(
        "cartprobe_probe_last_success_timestamp_seconds{env=\"production\","));
  }

  @Test
  void retriedSuccessIsCountedAfterRetry() {
    metrics.record(Fixtures.successAfterRetry("staging"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_attempts_total{env=\"staging\",location=\"eu\",outcome=\"after_retry\",probe=\"checkout\"} 1.0",
        "cartprobe_probe_attempts_total{env=\"staging\",location=\"eu\",outcome=\"first_try\",probe=\"checkout\"} 0.0",
        "cartprobe_probe_success{env=\"staging\",location=\"eu\",probe=\"checkout\"} 1.0");
  }

  @Test
  void histogramsHaveSloBucketsPlusTheConfiguredLatencyBudgetsAndNothingElse() {
    metrics.record(Fixtures.degraded("staging"));

    String createCart = "cartprobe_step_duration_seconds_bucket{env=\"staging\",location=\"eu\","
        + "probe=\"checkout\",step=\"create_cart\",le=\"";
    // step: SLOs + its own max_latency 800ms and degraded_latency 400ms
    assertThat(bucketsOf(createCart)).containsExactly("0.05", "0.1", "0.25", "0.4", "0.5", "0.8",
        "1.0", "2.5", "5.0", "10.0", "30.0", "+Inf");
    assertThat(scrapeLines()).contains(createCart + "0.4\"} 0", createCart + "0.5\"} 1",
        createCart + "0.8\"} 1");
    // whole probe: SLOs + every step's budgets + the probe timeout (20s)
    String probe = "cartprobe_probe_duration_seconds_bucket{env=\"staging\",location=\"eu\","
        + "probe=\"checkout\",le=\"";
    assertThat(bucketsOf(probe)).containsExactly("0.05", "0.1", "0.25", "0.4", "0.5", "0.8",
        "1.0", "1.5", "2.5", "5.0", "10.0", "20.0", "30.0", "+Inf");
    // no client-side percentiles or summaries
    assertThat(scrapeLines()).noneMatch(l -> l.contains("quantile="));
  }

  @Test
  void reloadRecreatesHistogramsWithNewBudgetsAndDropsRemovedEnvironments() {
    metrics.record(Fixtures.success("staging"));
    metrics.record(Fixtures.success("production"));

    var reloaded = Fixtures.config(Duration.ofMillis(900), Duration.ofMillis(400));
    var stagingOnly = new io.cartprobe.config.CheckoutProbe("checkout", List.of("staging"),
        Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(10), 1, Map.of(),
        reloaded.probes().getFirst().steps(), List.of());
    metrics.reconfigure(new io.cartprobe.config.CartprobeConfig(reloaded.source(),
        reloaded.agent(), reloaded.environments(), List.of(stagingOnly), List.of(), List.of(),
        List.of()));
    metrics.record(Fixtures.success("staging"));

    assertThat(scrapeLines()).noneMatch(l -> l.startsWith("cartprobe_") && l.contains("production"));
    String createCart = "cartprobe_step_duration_seconds_bucket{env=\"staging\",location=\"eu\","
        + "probe=\"checkout\",step=\"create_cart\",le=\"";
    assertThat(bucketsOf(createCart)).contains("0.9").doesNotContain("0.8");
    // unchanged budgets keep their history
    assertThat(scrapeLines()).contains(
        "cartprobe_step_duration_seconds_count{env=\"staging\",location=\"eu\",probe=\"checkout\",step=\"authorize_payment\"} 2",
        "cartprobe_probe_runs_total{env=\"staging\",location=\"eu\",probe=\"checkout\",result=\"success\"} 2.0");
  }

  @Test
  void eachVariantHasSeriesOfItsOwn() {
    metrics.record(Fixtures.success("staging").withVariant("visa"));
    metrics.record(Fixtures.failureAtPayment("staging").withVariant("amex"));

    assertThat(scrapeLines()).contains(
        "cartprobe_probe_success{env=\"staging\",location=\"eu\",probe=\"checkout\",variant=\"visa\"} 1.0",
        "cartprobe_probe_success{env=\"staging\",location=\"eu\",probe=\"checkout\",variant=\"amex\"} 0.0",
        "cartprobe_probe_failures_total{env=\"staging\",location=\"eu\",probe=\"checkout\",reason=\"status\",step=\"authorize_payment\",variant=\"amex\"} 1.0");
    assertThat(scrapeLines()).filteredOn(l -> l.startsWith("cartprobe_"))
        .allMatch(l -> l.contains("variant=\"visa\"") || l.contains("variant=\"amex\""));
  }

  @Test
  void everyCartprobeSeriesCarriesAgentLabelsAndNoUrlOrIdInLabelValues() {
    metrics.record(Fixtures.success("staging"));
    metrics.record(Fixtures.failureAtPayment("staging"));
    metrics.record(Fixtures.connectFailureAtCart("production"));
    metrics.record(Fixtures.degraded("production"));

    List<String> series = scrapeLines().stream().filter(l -> !l.startsWith("#") && !l.isBlank())
        .toList();
    assertThat(series).allMatch(l -> l.contains("location=\"eu\""), "carries location=\"eu\"");
    Pattern labelValue = Pattern.compile("=\"([^\"]*)\"");
    for (String line : series) {
      Matcher m = labelValue.matcher(line);
      while (m.find()) {
        assertThat(m.group(1)).as(line)
            .doesNotContain("://").doesNotContain("/").doesNotContain("c-123")
            .doesNotContain("4bf92f35").doesNotContain("card_declined");
      }
    }
  }

  @Test
  void scrapePassesPromtool() throws Exception {
    metrics.record(Fixtures.success("staging"));
    metrics.record(Fixtures.failureAtPayment("staging"));
    metrics.record(Fixtures.connectFailureAtCart("production"));
    metrics.record(Fixtures.degraded("production"));
    metrics.record(Fixtures.successAfterRetry("staging"));

    Promtool.checkMetrics(scrape());
  }

  private List<String> bucketsOf(String prefix) {
    return scrapeLines().stream().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length(), l.indexOf('"', prefix.length()))).toList();
  }
}
