package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.metrics.MetricsExposition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled agent in this JVM: real scheduler, real HTTP against a local target, endpoints on
 * a real server bound to port 0. What the endpoints say is read from the sinks' stores.
 */
class AgentInProcessTest {

  private final MockWebServer target = new MockWebServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;

  @BeforeEach
  void startTarget() throws IOException {
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return path.equals("/v1/account")
            ? new MockResponse.Builder().code(200).body("{\"request_signing\":\"hmac-sha256\"}").build()
            : new MockResponse.Builder().code(500).body("{\"error\":\"database_error\"}").build();
      }
    });
    target.start();
  }

  @AfterEach
  void stopTarget() throws IOException {
    target.close();
  }

  private CartprobeConfig config() {
    return AgentFixtures.parse(AgentFixtures.YAML
        .replace("http://127.0.0.1:1", "http://127.0.0.1:" + target.getPort())
        .replace("interval: 10s", "interval: 1s")
        .replace("environments:", "agent:\n  state_file: " + dir.resolve("state.json") + "\nenvironments:"));
  }

  private Agent start() throws IOException {
    CartprobeConfig config = config();
    return new Agent(this::config, config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start();
  }

  private JsonNode status(Agent agent) throws Exception {
    return json.readTree(get(agent, "/api/status"));
  }

  private String get(Agent agent, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static JsonNode pair(JsonNode status, String probe) {
    for (JsonNode p : status.path("probes")) {
      if (p.path("probe").asText().equals(probe)) {
        return p;
      }
    }
    throw new AssertionError("no " + probe + " in " + status);
  }

  @Test
  void theConfigSchemaIsServedUnderItsIdsPath() throws Exception {
    try (Agent agent = start()) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + agent.port() + "/schema/probes.json")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/schema+json");
      assertThat(answer.body()).isEqualTo(java.nio.file.Files.readString(Path.of("docs/probes.schema.json")));
      String id = json.readTree(answer.body()).path("$id").asText();
      assertThat(URI.create(id).getPath()).isEqualTo("/schema/probes.json");
      assertThat(id).isEqualTo(io.cartprobe.config.ConfigSchema.ID);
    }
  }

  @Test
  void aScrapeThatAcceptsGzipGetsTheSameSeriesCompressed() throws Exception {
    try (Agent agent = start()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          get(agent, "/metrics").contains("cartprobe_probe_runs_total{"));
      HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + agent.port() + "/metrics")).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      String plain = get(agent, "/metrics");

      assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
      String unpacked;
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
        unpacked = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      assertThat(seriesOf(unpacked)).isEqualTo(seriesOf(plain));
      assertThat(gzipped.body().length).isLessThan(plain.length() / 3);
    }
  }

  @Test
  void aScrapeWithoutGzipIsInflatedAsItIsSentAndAHeadScrapeHasNoBody() throws Exception {
    try (Agent agent = start()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          get(agent, "/metrics").contains("cartprobe_probe_runs_total{"));
      URI metrics = URI.create("http://127.0.0.1:" + agent.port() + "/metrics");
      HttpResponse<String> plain = http.send(HttpRequest.newBuilder(metrics).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> head = http.send(HttpRequest.newBuilder(metrics)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(plain.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
      assertThat(plain.headers().firstValue("Content-Type")).hasValue(MetricsExposition.TEXT);
      assertThat(plain.body()).contains("cartprobe_probe_runs_total{").endsWith("\n");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Type")).hasValue(MetricsExposition.TEXT);
      assertThat(head.body()).isEmpty();
    }
  }

  /** Series names and labels without values: two scrapes a moment apart differ only in values. */
  private static java.util.Set<String> seriesOf(String exposition) {
    return exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .filter(series -> !series.startsWith("jvm_") && !series.startsWith("process_"))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void aFailingCheckoutIsSeenOnEveryEndpointWithItsEvidenceRun() throws Exception {
    try (Agent agent = start()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          pair(status(agent), "checkout").path("consecutive_failures").asInt() >= 2);

      JsonNode checkout = pair(status(agent), "checkout");
      assertThat(checkout.path("state").asText()).isEqualTo("failing");
      assertThat(checkout.path("last_result").path("failure").path("step").asText())
          .isEqualTo("authorize_payment");
      assertThat(checkout.path("last_result").path("probable_cause").isNull())
          .as("the gateway answered as before: nothing to blame").isTrue();
      assertThat(pair(status(agent), "gateway-config").path("state").asText()).isEqualTo("passing");
      assertThat(get(agent, "/metrics")).contains("cartprobe_evidence_runs_total{")
          .contains("probe=\"gateway-config\"");
      assertThat(get(agent, "/api/history?probe=checkout&env=production")).contains("\"verdict\":\"failure\"");
      assertThat(get(agent, "/")).contains("checkout");
    }
  }

  @Test
  void failingSinceSurvivesARestart() throws Exception {
    String since;
    try (Agent agent = start()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          pair(status(agent), "checkout").path("consecutive_failures").asInt() >= 1);
      since = pair(status(agent), "checkout").path("failing_since").asText();
    }
    try (Agent agent = start()) {
      assertThat(pair(status(agent), "checkout").path("failing_since").asText()).isEqualTo(since);
    }
  }
}
