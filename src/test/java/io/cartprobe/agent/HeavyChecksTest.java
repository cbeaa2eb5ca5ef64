package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, defect 1: CPU-bound checks (linear-time, but long over a big body) on more runs than
 * there are carrier threads used to hold every carrier, so {@code /healthz} and {@code /metrics}
 * stopped answering until the checks hit their deadline.
 */
class HeavyChecksTest {

  /** One full scan of the 1 MiB body per pattern: seconds of CPU for each run. */
  private static final String PATTERNS = IntStream.range(0, 8)
      .mapToObj(i -> "\"(?s).{0," + (999 - i) + "}z\"").collect(Collectors.joining(", "));

  private final AtomicInteger bodiesServed = new AtomicInteger();
  private HttpServer target;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    byte[] body = new byte[1 << 20];
    Arrays.fill(body, (byte) 'a');
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      bodiesServed.incrementAndGet();
    });
    target.start();
  }

  @AfterEach
  void stop() {
    target.stop(0);
  }

  private CartprobeConfig config(int probes) {
    StringBuilder yaml = new StringBuilder("""
        agent:
          max_concurrency: 64
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
        probes:
        """.formatted(target.getAddress().getPort()));
    for (int i = 0; i < probes; i++) {
      yaml.append("""
            - name: heavy-%d
              type: checkout
              interval: 1h
              timeout: 60s
              steps:
                - name: page
                  request: {url: "{{base_url}}/page"}
                  expect: {body: {matches: [%s]}}
          """.formatted(i, PATTERNS));
    }
    return AgentFixtures.parse(yaml.toString());
  }

  @Test
  void healthzAndMetricsAnswerWhileEveryCarrierWouldBeBusyChecking() throws Exception {
    int probes = 2 * Runtime.getRuntime().availableProcessors();
    CartprobeConfig config = config(probes);
    try (Agent agent = new Agent(() -> config, config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start()) {
      for (int i = 0; i < probes; i++) { // runs now, each on its own virtual thread
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port()
            + "/probe?probe=heavy-" + i + "&env=production")).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> bodiesServed.get() == probes);

      for (String path : new String[] {"/healthz", "/metrics", "/healthz"}) {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agent.port() + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
      }
      String status = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + agent.port() + "/api/status")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(status).as("the checks were still going while the endpoints answered")
          .containsPattern("\"running\"\\s*:\\s*true");
    }
  }
}
