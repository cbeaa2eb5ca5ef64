package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import io.cartprobe.testing.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo gateway's status page, read by the shipped probes.yaml's {@code psp-status} probe:
 * quiet until {@code provider-incident} is posted, then the incident, resolved when switched off.
 */
class DemoStatusPageTest {

  private static final Instant POSTED = Instant.parse("2026-05-09T10:04:30Z");

  @TempDir Path dir;
  private DemoShop demo;
  private DemoClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  private ProbeResult readStatusPage() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of("CARTPROBE_DEMO_URL", demo.baseUrl()))
        .parse("probes.yaml", DemoProbesYaml.relaxed().text(), dir);
    ProbeConfig probe = config.probe("psp-status").orElseThrow();
    return new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test")
        .run(probe, config.environments().get("production"));
  }

  @Test
  void postingAndResolvingAnIncidentOnTheGatewaysStatusPage() throws Exception {
    demo = new DemoShop(0, Set.of(), new TestClock(POSTED)).start();
    client = new DemoClient(demo);

    assertThat(readStatusPage().verdict()).isEqualTo(Verdict.SUCCESS);

    assertThat(client.post("/demo/faults/provider-incident", "").status()).isEqualTo(200);
    ProbeResult posted = readStatusPage();
    assertThat(posted.failure().orElseThrow().reason()).isEqualTo(FailureReason.PROVIDER_INCIDENT);
    assertThat(posted.failure().get().message()).isEqualTo("provider reports 'Elevated declines "
        + "for card payments' (investigating, minor) since 10:04Z; Card payments partial_outage");
    assertThat(posted.providerStatus().getFirst().incidents().getFirst().link())
        .isEqualTo(demo.baseUrl() + "/gateway/status/incidents/demo0inc0001");

    assertThat(client.delete("/demo/faults/provider-incident").status()).isEqualTo(200);
    assertThat(readStatusPage().verdict()).isEqualTo(Verdict.SUCCESS);
  }
}
