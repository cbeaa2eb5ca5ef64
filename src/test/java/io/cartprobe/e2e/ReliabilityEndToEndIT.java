package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as the most boring process in the pod: slow clients and shutdown cannot hurt it. */
class ReliabilityEndToEndIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final CountDownLatch hang = new CountDownLatch(1);
  private final AtomicInteger slowRequests = new AtomicInteger();
  private final AtomicInteger notifications = new AtomicInteger();
  private HttpServer target;
  @TempDir Path dir;

  @BeforeEach
  void startTarget() throws IOException {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    target.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    target.createContext("/fast", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, -1);
      }
    });
    target.createContext("/hook", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        notifications.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
      }
    });
    target.start();
  }

  @AfterEach
  void stopTarget() throws IOException {
    hang.countDown();
    target.stop(0);
    if (silent != null) {
      silent.close();
    }
  }

  /** Accepts connections and never answers: a run against it lasts until its timeout. */
  private java.net.ServerSocket silent;

  private int silentPort() throws IOException {
    silent = new java.net.ServerSocket(0, 16, java.net.InetAddress.getByName("127.0.0.1"));
    Thread.ofPlatform().daemon().start(() -> {
      List<Socket> held = new ArrayList<>();
      while (!silent.isClosed()) {
        try {
          held.add(silent.accept());
          slowRequests.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    });
    return silent.getLocalPort();
  }

  private Path config(String path) throws IOException {
    return config(path, target.getAddress().getPort());
  }

  private Path config(String path, int port) throws IOException {
    Path file = dir.resolve("probes.yaml");
    Files.writeString(file, """
        agent:
          listen: 127.0.0.1:0
          state_file: %s
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:%d"}
        probes:
          - name: target
            type: checkout
            interval: 1s
            timeout: 60s
            steps:
              - {name: get, request: {url: "{{base_url}}%s"}}
        alerts:
          - name: target-failing
            when: {consecutive_failures: 1}
            notify: [hook]
        webhooks:
          - name: hook
            url: http://127.0.0.1:%d/hook
            format: json
        """.formatted(dir.resolve("state.json"), port, path, target.getAddress().getPort()));
    return file;
  }

  @Test
  void slowPartialRequestsAreCutOffWhileHealthzKeepsAnswering() throws Exception {
    try (JarProcess agent = JarProcess.start(
        Map.of("JAVA_TOOL_OPTIONS", "-Dsun.net.httpserver.maxReqTime=2"),
        "agent", "-c", config("/fast").toString())) {
      URI base = URI.create(agent.awaitUrl(JarProcess.AGENT_URL));
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write("GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }

      HttpResponse<String> healthz = http.send(HttpRequest.newBuilder(base.resolve("/healthz"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(healthz.statusCode()).isEqualTo(200);

      for (Socket socket : slow) {
        socket.setSoTimeout(15_000);
        try (socket; InputStream in = socket.getInputStream()) {
          // The server gives up on the request: it closes (-1) or answers with an error first.
          assertThat(drain(in)).as("the agent closed the slow connection").isTrue();
        }
      }
    }
  }

  private static boolean drain(InputStream in) throws IOException {
    try {
      while (in.read() != -1) {
        // an error answer, if any, then the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server: closed too
    }
  }

  @Test
  void sigtermDuringARunRecordsNoTargetFailureAndSendsNothing() throws Exception {
    JarProcess agent = JarProcess.start(Map.of(), "agent", "-c",
        config("/slow", silentPort()).toString());
    int exit;
    try (agent) {
      agent.awaitUrl(JarProcess.AGENT_URL);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slowRequests.get() >= 1);
      agent.terminate(); // SIGTERM; the run outlives the 10 s grace and is interrupted
      exit = agent.waitForExit(Duration.ofSeconds(40));
    }
    assertThat(exit).isZero();
    String output = agent.stdout() + agent.stderr();
    assertThat(output).contains("target @ production was still running when the agent stopped");
    assertThat(output).doesNotContain("Closed by interrupt").doesNotContain("failed at step");
    assertThat(notifications.get()).isZero();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve("state.json"));
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM runs WHERE verdict ="
            + " 'failure'), (SELECT count(*) FROM pair_state WHERE latest_result LIKE"
            + " '%\"verdict\":\"failure\"%')")) {
      assertThat(r.getInt(1)).as("failed runs saved").isZero();
      assertThat(r.getInt(2)).as("failed latest results saved").isZero();
    }
  }
}
