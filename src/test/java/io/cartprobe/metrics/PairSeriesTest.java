package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AgentConfig;
import io.cartprobe.config.Body;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.Environment;
import io.cartprobe.config.Expect;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.StatusExpectation;
import io.cartprobe.config.Step;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-pair families: which series a probe's config gives it, and what they cost in bytes. */
class PairSeriesTest {

  /** Per single-step target, as the profiling bench configures it (probe t00042, env bench). */
  static final int BYTES_PER_SINGLE_STEP_TARGET = 2_000;

  private final AgentRegistry agent = AgentRegistry.create(Map.of());

  @AfterEach
  void close() {
    agent.close();
  }

  private static Step get(String name) {
    return new Step(name, "svc", new RequestSpec("GET", "http://127.0.0.1/" + name, Map.of(),
        new Body.None()), new Expect(StatusExpectation.ANY_2XX, Optional.empty(),
        Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()), Map.of(), List.of());
  }

  /** A single GET at 1 s with a 900 ms timeout, no retries, no cleanup: the bench's target. */
  private static CheckoutProbe singleStep(String name) {
    return new CheckoutProbe(name, List.of("bench"), Duration.ofSeconds(1), Duration.ofMillis(900),
        Duration.ofSeconds(1), 0, Map.of(), List.of(get(name)), List.of());
  }

  private static CartprobeConfig config(List<? extends ProbeConfig> probes) {
    return new CartprobeConfig(Path.of("probes.yaml"), AgentConfig.defaults(),
        Map.of("bench", new Environment("bench", Map.of(), Map.of(), Map.of())),
        List.copyOf(probes), List.of(), List.of(), List.of());
  }

  private static ProbeResult ok(String probe, String... steps) {
    return Results.result(probe, "bench").took(Duration.ofMillis(3)).steps(
        Arrays.stream(steps).map(s -> Results.step(s, "svc").request("GET", "http://127.0.0.1/")
            .http(200).took(Duration.ofMillis(1)).build())
            .toArray(io.cartprobe.result.StepResult[]::new)).build();
  }

  private static List<String> cartprobeLines(String scrape) {
    return scrape.lines().filter(l -> l.contains("cartprobe_") || l.equals("# EOF")).toList();
  }

  private String scrape(String accept) {
    return new MetricsExposition(agent).scrape(accept).body();
  }

  /** Each series of {@code probe}: its name and labels, without the value. */
  private Set<String> seriesOf(String probe) {
    return Arrays.stream(scrape(null).split("\n"))
        .filter(l -> !l.startsWith("#") && l.contains("probe=\"" + probe + "\""))
        .map(l -> l.substring(0, l.lastIndexOf(' ')))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aThousandSingleStepTargetsStayWithinTheirByteBudgetInBothFormats() throws Exception {
    List<CheckoutProbe> probes = IntStream.range(0, 1000)
        .mapToObj(i -> singleStep("t%05d".formatted(i))).toList();
    ProbeMetrics metrics = new ProbeMetrics(agent, config(probes));
    AlertMetrics alerts = new AlertMetrics(agent);
    String empty = scrape(null);
    for (CheckoutProbe p : probes) {
      metrics.record(ok(p.name(), p.name()));
      alerts.state("down", p.name(), "bench", "", false);
    }

    for (String accept : new String[] {null, MetricsExposition.OPENMETRICS}) {
      String body = scrape(accept);
      long perTarget = (body.getBytes(StandardCharsets.UTF_8).length
          - empty.getBytes(StandardCharsets.UTF_8).length) / probes.size();
      assertThat(perTarget).as("bytes per single-step target, Accept %s", accept)
          .isLessThanOrEqualTo(BYTES_PER_SINGLE_STEP_TARGET);
    }
    Promtool.checkMetrics(scrape(null));
  }

  @Test
  void theGzipScrapeRenderedInPiecesIsTheTextScrapeByteForByte() throws Exception {
    List<CheckoutProbe> probes = IntStream.range(0, 300)
        .mapToObj(i -> singleStep("t%05d".formatted(i))).toList();
    ProbeMetrics metrics = new ProbeMetrics(agent, config(probes));
    for (CheckoutProbe p : probes) {
      metrics.record(ok(p.name(), p.name()));
    }
    new AlertMetrics(agent).state("down", "t00001", "bench", "", true);

    for (String accept : new String[] {null, MetricsExposition.OPENMETRICS}) {
      MetricsExposition exposition = new MetricsExposition(agent);
      String text = exposition.scrape(accept).body();
      assertThat(text.length()).as("more than one piece").isGreaterThan(4 * PairSeries.PIECE);
      MetricsExposition.Compressed gzip = exposition.scrapeGzip(accept);
      try (var in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(gzip.gzip()))) {
        // the JVM's own meters move between two scrapes; cartprobe's do not here
        assertThat(cartprobeLines(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
            .as("Accept %s", accept).isEqualTo(cartprobeLines(text)).hasSizeGreaterThan(300 * 20);
      }
      assertThat(gzip.contentType()).isEqualTo(exposition.scrape(accept).contentType());
    }
  }

  @Test
  void aSingleStepProbeWithoutRetriesOrCleanupHasNoSeriesItsConfigMakesConstant() {
    new ProbeMetrics(agent, config(List.of(singleStep("api")))).record(ok("api", "api"));
    new AlertMetrics(agent).state("down", "api", "bench", "", false);

    String pair = "env=\"bench\",probe=\"api\"";
    List<String> expected = new ArrayList<>(List.of(
        "cartprobe_alert_firing{alert=\"down\"," + pair + "}",
        "cartprobe_probe_attempts_total{env=\"bench\",outcome=\"failed\",probe=\"api\"}",
        "cartprobe_probe_attempts_total{env=\"bench\",outcome=\"first_try\",probe=\"api\"}",
        "cartprobe_probe_duration_seconds_count{" + pair + "}",
        "cartprobe_probe_duration_seconds_sum{" + pair + "}",
        "cartprobe_probe_last_success_timestamp_seconds{" + pair + "}",
        "cartprobe_probe_runs_total{" + pair + ",result=\"degraded\"}",
        "cartprobe_probe_runs_total{" + pair + ",result=\"failure\"}",
        "cartprobe_probe_runs_total{" + pair + ",result=\"success\"}",
        "cartprobe_probe_success{" + pair + "}",
        "cartprobe_step_http_status{" + pair + ",step=\"api\"}"));
    // buckets up to the first past the longest run the agent waits for (900 ms timeout + 1 s)
    for (String le : List.of("0.05", "0.1", "0.25", "0.5", "0.9", "1.0", "2.5", "+Inf")) {
      expected.add("cartprobe_probe_duration_seconds_bucket{" + pair + ",le=\"" + le + "\"}");
    }
    for (String phase : List.of("dns", "connect", "tls", "request", "ttfb", "transfer")) {
      expected.add("cartprobe_step_phase_seconds{env=\"bench\",phase=\"" + phase
          + "\",probe=\"api\",step=\"api\"}");
    }
    assertThat(seriesOf("api")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aMultiStepProbeWithRetriesAndCleanupHasStepHistogramsAfterRetryAndCleanupFailures() {
    CheckoutProbe checkout = new CheckoutProbe("checkout", List.of("bench"),
        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), 1, Map.of(),
        List.of(get("cart"), get("pay")), List.of(get("delete")));
    new ProbeMetrics(agent, config(List.of(checkout)))
        .record(ok("checkout", "cart", "pay").withVariant("amex"));

    Set<String> series = seriesOf("checkout");
    String pair = "env=\"bench\",probe=\"checkout\"";
    String variant = "variant=\"amex\"";
    assertThat(series).contains(
        "cartprobe_probe_attempts_total{env=\"bench\",outcome=\"after_retry\","
            + "probe=\"checkout\"," + variant + "}",
        "cartprobe_cleanup_failures_total{" + pair + "," + variant + "}",
        "cartprobe_step_duration_seconds_count{" + pair + ",step=\"cart\"," + variant + "}",
        "cartprobe_step_duration_seconds_count{" + pair + ",step=\"pay\"," + variant + "}",
        "cartprobe_step_http_status{" + pair + ",step=\"pay\"," + variant + "}");
    assertThat(series).allMatch(s -> s.contains(variant));
    // longest run: (2 s timeout + 2 s for the one cleanup step) × 2 attempts + 1 s = 9 s
    List<String> buckets = series.stream()
        .filter(s -> s.startsWith("cartprobe_step_duration_seconds_bucket{")
            && s.contains("step=\"cart\""))
        .map(s -> s.substring(s.indexOf("le=\"") + 4, s.lastIndexOf('"'))).toList();
    assertThat(buckets).containsExactlyInAnyOrder("0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
        "5.0", "10.0", "+Inf");
    assertThat(series).noneMatch(s -> s.contains("le=\"30.0\""));
  }
}
