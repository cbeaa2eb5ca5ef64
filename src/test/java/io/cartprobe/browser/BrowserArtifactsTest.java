package io.cartprobe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.cartprobe.agent.Agent;
import io.cartprobe.cli.CliContext;
import io.cartprobe.cli.Main;
import io.cartprobe.cli.Terminal;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.result.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed browser step's screenshot, console errors and failed requests: written by
 * {@code run --artifacts}, and kept, served, linked from the status page and the alert by the
 * agent. Real Chromium against a page whose script throws.
 */
class BrowserArtifactsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HttpServer server;
  private static final List<String> webhooks = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Browsers.missing(System.getenv()).isEmpty(), "Chromium is not installed");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/page", ex -> {
      byte[] body = "<html><body><script>fetch('/gone.js'); throw new Error('bundle exploded');</script></body></html>"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/hook", ex -> {
      webhooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server == null) {
      return;
    }
    server.stop(0);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(Processes.chromiumLeftBehind()).as("Chromium processes left behind").isEmpty());
  }

  private String yaml(String agent) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return """
        agent: {listen: "127.0.0.1:0"%s}
        environments:
          test: {vars: {base_url: "%s"}}
        probes:
          - name: page
            type: checkout
            interval: 3s                  # the agent's first run comes within one interval
            timeout: 30s
            steps:
              - name: open_page
                component: storefront
                browser:
                  - goto: "{{base_url}}/page"
                  - wait_for: {selector: "#pay", timeout: 500ms}
        alerts:
          - {name: page-failing, when: {consecutive_failures: 1}, notify: [hook]}
        webhooks:
          - {name: hook, url: "%s/hook", format: json}
        """.formatted(agent, base, base);
  }

  @Test
  void runWritesTheArtifactsWhereAsked() throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), yaml(""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(System.getenv(), dir, Terminal.PLAIN, Clock.systemUTC());
    int exit = Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute("run", "-o", "json", "--artifacts", dir.resolve("art").toString());

    assertThat(exit).isEqualTo(1);
    JsonNode step = Json.parse(out.toString()).path("results").path(0).path("steps").path(0);
    Path where = Path.of(step.path("browser").path("artifacts").asText());
    assertThat(where.getParent()).isEqualTo(dir.resolve("art").toAbsolutePath());
    assertThat(err.toString()).contains("artifacts of page @ test: " + where);
    assertThat(Files.readAllBytes(where.resolve("open_page-failure.png")))
        .startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(where.resolve("open_page-console.txt"))).contains("bundle exploded");
    assertThat(Files.readString(where.resolve("open_page-requests.txt"))).contains("/gone.js");
  }

  @Test
  void withoutTheOptionRunNamesATemporaryDirectory() throws Exception {
    Files.writeString(dir.resolve("probes.yaml"), yaml(""));
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(System.getenv(), dir, Terminal.PLAIN, Clock.systemUTC());
    Main.commandLine(context, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
        .execute("run");
    String line = err.toString().lines().filter(l -> l.startsWith("artifacts of page @ test: "))
        .findFirst().orElseThrow();
    Path where = Path.of(line.substring("artifacts of page @ test: ".length(), line.indexOf(" (")));
    assertThat(where.getParent().getFileName().toString()).startsWith("cartprobe-artifacts-");
    assertThat(where.resolve("open_page-failure.png")).exists();
    try (var files = Files.walk(where.getParent())) { // the temporary directory is ours to remove
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void theAgentKeepsServesAndLinksThem() throws Exception {
    String agentKeys = ", artifacts_dir: \"" + dir.resolve("kept") + "\", artifacts_max_mb: 5";
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", yaml(agentKeys), dir);
    try (Agent agent = new Agent(() -> config, config, Clock.systemUTC(),
        Optional.of(new InetSocketAddress("127.0.0.1", 0))).start()) {
      String base = "http://127.0.0.1:" + agent.port();
      await().atMost(Duration.ofSeconds(60)).until(() -> !webhooks.isEmpty());
      JsonNode failure = Json.parse(webhooks.getFirst()).path("failure");
      String path = failure.path("artifacts").asText();
      assertThat(path).startsWith("/artifacts/").endsWith("/");

      HttpResponse<byte[]> png = get(base + path + "open_page-failure.png");
      assertThat(png.statusCode()).isEqualTo(200);
      assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
      assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
      assertThat(new String(get(base + "/probes/page/test").body(), StandardCharsets.UTF_8))
          .contains("href=\"" + path + "\"", "bundle exploded");
      assertThat(get(base + "/artifacts/../probes.yaml").statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
