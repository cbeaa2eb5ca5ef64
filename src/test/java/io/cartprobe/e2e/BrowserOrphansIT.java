package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.cartprobe.browser.Browsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar, killed while its browser step hangs on a page that never answers: SIGKILL and
 * SIGTERM alike leave no Chromium process and no profile behind (the watchdog's doing: the
 * kernel closes its stdin pipe when the JVM dies).
 */
class BrowserOrphansIT {

  private static final String PROFILE = "cartprobe-chromium-";

  @TempDir Path dir;
  private HttpServer server;
  private final CountDownLatch never = new CountDownLatch(1);
  private JarProcess run;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Browsers.missing(System.getenv()).isEmpty(), "Chromium is not installed");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hang", ex -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    Files.writeString(dir.resolve("probes.yaml"), """
        environments:
          test: {vars: {base_url: "http://127.0.0.1:%d"}}
        probes:
          - name: hung
            type: checkout
            timeout: 5m
            steps:
              - name: page
                browser: [{goto: "{{base_url}}/hang", timeout: 5m}]
        """.formatted(server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    if (run != null) {
      run.close(); // a failed test's run must not hang on
    }
    if (server != null) {
      never.countDown();
      server.stop(0);
    }
  }

  private JarProcess startHungRun() throws IOException {
    run = JarProcess.start(Map.of("CARTPROBE_CONFIG", dir.resolve("probes.yaml").toString()),
        "run");
    String profile = PROFILE + run.pid() + "-";
    JarProcess started = run;
    await().atMost(Duration.ofSeconds(60))
        .until(() -> !chromium(profile).isEmpty() || !started.isAlive());
    assertThat(chromium(profile)).as(run.stderr()).isNotEmpty();
    return run;
  }

  @Test
  void sigkillOfTheJvmTakesChromiumWithIt() throws Exception {
    startHungRun();
    String profile = PROFILE + run.pid() + "-";
    Path dataDir = userDataDir(profile);
    ProcessHandle.of(run.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertNothingLeft(profile, dataDir);
  }

  @Test
  void sigtermOfTheJvmTakesChromiumWithIt() throws Exception {
    startHungRun();
    String profile = PROFILE + run.pid() + "-";
    Path dataDir = userDataDir(profile);
    run.terminate();
    run.waitForExit(Duration.ofSeconds(60));
    assertNothingLeft(profile, dataDir);
  }

  private static void assertNothingLeft(String profile, Path dataDir) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(chromium(profile)).as("processes using " + profile).isEmpty();
      assertThat(dataDir).as("the profile directory").doesNotExist();
    });
  }

  /** The --user-data-dir the running Chromium was given. */
  private static Path userDataDir(String profile) throws IOException {
    for (String line : chromium(profile)) {
      for (String arg : line.split(" ")) {
        if (arg.startsWith("--user-data-dir=")) {
          Path dir = Path.of(arg.substring("--user-data-dir=".length()));
          assertThat(dir).exists();
          return dir;
        }
      }
    }
    throw new AssertionError("no --user-data-dir among " + chromium(profile));
  }

  /** Live processes whose command line names this profile (Chromium and its watchdog). */
  private static List<String> chromium(String profile) throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ');
          if (cmd.contains(profile)) {
            found.add(proc.getFileName() + " " + cmd);
          }
        } catch (IOException e) {
          // ended while we looked
        }
      }
    }
    return found;
  }
}
