package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run and step duration histograms carry the run's trace id (and the root or step span id)
 * as an OpenMetrics exemplar, so a latency panel links to the trace; the text format, which has
 * no exemplars, still passes promtool.
 */
class ExemplarsTest {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String ROOT_SPAN = "00f067aa0ba902b7";
  static final String STEP_SPAN = "b7ad6b7169203331";

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final MetricsExposition exposition = new MetricsExposition(agent);

  @AfterEach
  void close() {
    agent.close();
  }

  /** Fixtures.success with the ids a real run records. */
  static ProbeResult traced(ProbeResult r) {
    List<StepResult> steps = r.steps().stream()
        .map(s -> s.traced(STEP_SPAN, r.startedAt())).toList();
    return new ProbeResult(r.probe(), r.environment(), r.probeType(), r.startedAt(), r.duration(),
        r.verdict(), r.attempts(), TRACE_ID, steps, r.failure(), r.cleanup(), r.notes(),
        r.watched(), r.probableCause(), ROOT_SPAN, List.of());
  }

  static void recordOneTracedRun(AgentRegistry agent) {
    new ProbeMetrics(agent, Fixtures.config()).record(traced(Fixtures.success("staging")));
  }

  @Test
  void openMetricsBucketsOfRunAndStepDurationsNameTheRunsTrace() {
    recordOneTracedRun(agent);

    String body = exposition.scrape(MetricsExposition.OPENMETRICS).body();

    assertThat(body).containsPattern(Pattern.compile(
        "^cartprobe_probe_duration_seconds_bucket\\{[^}]*env=\"staging\"[^}]*} 1 # \\{span_id=\""
            + ROOT_SPAN + "\",trace_id=\"" + TRACE_ID + "\"} [0-9.]+ [0-9.]+$", Pattern.MULTILINE));
    assertThat(body).containsPattern(Pattern.compile(
        "^cartprobe_step_duration_seconds_bucket\\{[^}]*step=\"create_cart\"[^}]*} 1 # \\{span_id=\""
            + STEP_SPAN + "\",trace_id=\"" + TRACE_ID + "\"} [0-9.]+ [0-9.]+$", Pattern.MULTILINE));
  }

  /** Prometheus 2.x refuses a whole scrape with an exemplar on a histogram's _count. */
  @Test
  void onlyBucketsCarryExemplars() {
    recordOneTracedRun(agent);

    assertThat(exposition.scrape(MetricsExposition.OPENMETRICS).body().lines()
        .filter(line -> line.contains("trace_id=")))
        .isNotEmpty()
        .allMatch(line -> line.matches("^[a-z_]+_bucket\\{.*"));
  }

  @Test
  void aResultWithoutTraceIdsGetsNoExemplar() {
    new ProbeMetrics(agent, Fixtures.config()).record(Fixtures.success("staging"));

    assertThat(exposition.scrape(MetricsExposition.OPENMETRICS).body())
        .contains("cartprobe_probe_duration_seconds_bucket").doesNotContain("trace_id");
  }

  @Test
  void theTextFormatOfARegistryWithExemplarsPassesPromtool() throws Exception {
    recordOneTracedRun(agent);

    String text = exposition.scrape(MetricsExposition.TEXT).body();

    assertThat(text).contains("cartprobe_probe_duration_seconds_bucket").doesNotContain("trace_id");
    Promtool.checkMetrics(text);
  }
}
