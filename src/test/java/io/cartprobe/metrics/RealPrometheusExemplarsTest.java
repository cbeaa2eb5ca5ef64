package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian package prometheus) scrapes the OpenMetrics exposition with exemplar
 * storage on and answers {@code query_exemplars} with the run's trace id: the exemplars are
 * well-formed OpenMetrics, not just text that looks right. (promtool check metrics lints only the
 * 0.0.4 text format, which has no exemplars; ExemplarsTest runs it on that.)
 */
class RealPrometheusExemplarsTest {

  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer target;
  private Process prometheus;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
    if (target != null) {
      target.stop(0);
    }
    agent.close();
  }

  @Test
  void prometheusStoresTheRunsTraceIdAsExemplarOfBothHistograms() throws Exception {
    assertThat(Files.isExecutable(BINARY))
        .as("%s is missing: install the Debian package prometheus", BINARY).isTrue();
    ExemplarsTest.recordOneTracedRun(agent);
    MetricsExposition exposition = new MetricsExposition(agent);
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/metrics", exchange -> {
      MetricsExposition.Scrape scrape =
          exposition.scrape(exchange.getRequestHeaders().getFirst("Accept"));
      byte[] body = scrape.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    target.start();
    String base = startPrometheus(target.getAddress().getPort());

    for (String histogram : List.of("cartprobe_probe_duration_seconds_bucket",
        "cartprobe_step_duration_seconds_bucket")) {
      List<String> traceIds = await().atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
          .until(() -> exemplarTraceIds(base, histogram), ids -> !ids.isEmpty());
      assertThat(traceIds).as(histogram).containsOnly(ExemplarsTest.TRACE_ID);
    }
  }

  private String startPrometheus(int targetPort) throws Exception {
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: cartprobe
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """.formatted(targetPort));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    prometheus = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--enable-feature=exemplar-storage")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    String base = "http://127.0.0.1:" + port;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get(base + "/-/ready").statusCode() == 200);
    return base;
  }

  private List<String> exemplarTraceIds(String base, String series) throws Exception {
    Instant now = Instant.now();
    String query = "/api/v1/query_exemplars?query=" + URLEncoder.encode(series, StandardCharsets.UTF_8)
        + "&start=" + now.minusSeconds(600).getEpochSecond()
        + "&end=" + now.plusSeconds(600).getEpochSecond();
    JsonNode answer = JSON.readTree(get(base + query).body());
    List<String> ids = new ArrayList<>();
    for (JsonNode group : answer.path("data")) {
      for (JsonNode exemplar : group.path("exemplars")) {
        ids.add(exemplar.path("labels").path("trace_id").asText());
      }
    }
    return ids;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
