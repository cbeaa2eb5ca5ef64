package io.cartprobe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Chromium a browser step fails with reason browser and the install line; API probes run on. */
class NoChromiumTest {

  @TempDir Path emptyPath;

  @Test
  void theBrowserStepFailsWithTheInstallLineAndTheApiProbeStillPasses() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    try (ProbeRunner runner = new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test",
        new Browsers(1, Map.of("PATH", emptyPath.toString())))) {
      CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", """
          environments:
            test: {vars: {base_url: "http://127.0.0.1:%d"}}
          probes:
            - name: page
              type: checkout
              steps:
                - name: pay_on_page
                  browser: [{goto: "{{base_url}}/checkout"}]
                - name: after
                  request: {url: "{{base_url}}/health"}
            - {name: api, type: gateway-config, request: {url: "{{base_url}}/health"}}
          """.formatted(server.getAddress().getPort()), Path.of("."));
      var env = config.environments().get("test");

      ProbeResult page = runner.run(config.probes().get(0), env);
      assertThat(page.failure().orElseThrow().reason()).isEqualTo(FailureReason.BROWSER);
      assertThat(page.failure().orElseThrow().message())
          .contains("Chromium not found", "apt-get install chromium chromium-driver");
      assertThat(page.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(runner.run(config.probes().get(1), env).verdict()).isEqualTo(Verdict.SUCCESS);
    } finally {
      server.stop(0);
    }
  }
}
