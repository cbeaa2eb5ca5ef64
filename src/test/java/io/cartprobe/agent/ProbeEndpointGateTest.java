package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /probe} runs through the scheduler's gate and, with a token set, only for its holder. */
class ProbeEndpointGateTest {

  private final MockWebServer target = new MockWebServer();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          // Holds each request a while, so an overlap would be seen; the test's release ends it.
          release.await(50, TimeUnit.MILLISECONDS);
        } finally {
          inFlight.decrementAndGet();
        }
        return new MockResponse.Builder().code(200).body("{}").build();
      }
    });
    target.start();
  }

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    target.close();
  }

  private CartprobeConfig config(String agentKeys) {
    return AgentFixtures.parse("""
        agent:
          max_concurrency: 2
        %s
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
        probes:
          - name: slow
            type: checkout
            interval: 24h
            timeout: 30s
            steps:
              - {name: place_order, request: {method: POST, url: "{{base_url}}/orders"}}
        """.formatted(agentKeys, target.getPort()));
  }

  private Agent start(CartprobeConfig config) throws IOException {
    return new Agent(() -> config, config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start();
  }

  private CompletableFuture<HttpResponse<String>> probe(Agent agent, Optional<String> token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + agent.port() + "/probe?probe=slow&env=production"));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void parallelProbeRequestsQueueForThePairAndNeverOverlapOnTheTarget() throws Exception {
    try (Agent agent = start(config(""))) {
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(probe(agent, Optional.empty()));
      }
      List<Integer> codes = answers.stream().map(f -> f.join().statusCode()).toList();

      assertThat(mostAtOnce.get()).as("requests the target saw at once").isEqualTo(1);
      assertThat(codes).as("each waited for the pair, each got its own run").containsOnly(200);
      assertThat(answers.getFirst().join().body()).contains("probe_success 1");
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + agent.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).containsPattern(
          "cartprobe_probe_skipped_total\\{[^}]*probe=\"slow\"[^}]*reason=\"previous_run_still_going\"");
    }
  }

  @Test
  void aProbeTokenIsRequiredWhenSet() throws Exception {
    release.countDown();
    try (Agent agent = start(config("  probe_token: s3cret-probe"))) {
      HttpResponse<String> without = probe(agent, Optional.empty()).join();
      HttpResponse<String> wrong = probe(agent, Optional.of("guess")).join();
      HttpResponse<String> right = probe(agent, Optional.of("s3cret-probe")).join();

      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("probe_success 1");
      assertThat(without.body()).doesNotContain("s3cret-probe");
    }
  }
}
