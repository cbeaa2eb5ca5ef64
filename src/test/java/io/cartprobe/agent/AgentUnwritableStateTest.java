package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.config.CartprobeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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

/** A state file that cannot be written: the agent probes on and says so in /readyz and /metrics. */
class AgentUnwritableStateTest {

  private final MockWebServer target = new MockWebServer();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @BeforeEach
  void startTarget() throws IOException {
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).body("{\"request_signing\":\"hmac-sha256\"}")
            .build();
      }
    });
    target.start();
  }

  @AfterEach
  void stopTarget() throws IOException {
    target.close();
  }

  private HttpResponse<String> get(Agent agent, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probingGoesOnAndReadyzSaysWhyNothingIsSaved() throws Exception {
    Files.writeString(dir.resolve("volume"), "a file where a directory should be");
    Path stateFile = dir.resolve("volume").resolve("state.db");
    String yaml = AgentFixtures.YAML
        .replace("http://127.0.0.1:1", "http://127.0.0.1:" + target.getPort())
        .replace("interval: 10s", "interval: 1s")
        .replace("environments:", "agent:\n  state_file: " + stateFile + "\nenvironments:");
    CartprobeConfig config = AgentFixtures.parse(yaml);
    try (Agent agent = new Agent(() -> AgentFixtures.parse(yaml), config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start()) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        JsonNode status = new ObjectMapper().readTree(get(agent, "/api/status").body());
        return status.path("probes").get(0).path("last_result").isObject();
      });
      HttpResponse<String> ready = get(agent, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ready\nstate file " + stateFile + " cannot be written ("
          + dir.resolve("volume") + "): probing goes on, but run history and alert state are "
          + "not saved\n");
      assertThat(get(agent, "/metrics").body()).contains("cartprobe_state_writable 0.0")
          .contains("cartprobe_state_write_failures_total{problem=\"read-only\"} 1.0");
    }
  }
}
