package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cartprobe.config.Body;
import io.cartprobe.config.Expect;
import io.cartprobe.config.ProviderStatusProbe;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.Step;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider-status probe against a Statuspage-format server (JDK HttpServer on port 0) serving
 * the summary fixtures of src/test/resources/statuspage, in Statuspage's documented format.
 */
class ProviderStatusProbeTest {

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring(1);
      try (InputStream in = getClass().getResourceAsStream("/statuspage/" + name)) {
        byte[] body = in == null ? "<html>not here</html>".getBytes() : in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type",
            in == null ? "text/html" : "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ProbeResult read(String fixture, List<String> components) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fixture;
    Step check = new Step("psp-status", "payment-gateway",
        new RequestSpec("GET", url, Map.of(), new Body.None()), Expect.defaults(), Map.of(),
        List.of());
    ProviderStatusProbe probe = new ProviderStatusProbe("psp-status", List.of("staging"),
        Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 0, Map.of(), check,
        components, io.cartprobe.config.ClientSettings.NONE);
    return Fixtures.runner().run(probe, Fixtures.env());
  }

  @Test
  void aQuietPagePassesAndRecordsEachComponentsStatus() {
    ProbeResult result = read("operational.json", List.of());

    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    ProviderStatus reading = result.providerStatus().getFirst();
    assertThat(reading.components()).containsExactly(Map.entry("API", "operational"),
        Map.entry("Card payments", "operational"), Map.entry("Dashboard", "operational"));
    assertThat(reading.incidents()).isEmpty();
    assertThat(reading.page()).isEqualTo("https://status.example-psp.com");
    assertThat(result.watched()).as("the page is a reading, not watched text").isEmpty();
  }

  @Test
  void anOpenIncidentOnAWatchedComponentFailsWithItsNameStatusImpactStartAndLink() {
    ProbeResult result = read("card-payments-incident.json", List.of("Card payments"));

    assertThat(result.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.PROVIDER_INCIDENT);
    assertThat(result.failure().get().message()).isEqualTo("provider reports 'Elevated declines "
        + "for Amex' (investigating, minor) since 10:04Z; Card payments partial_outage");
    ProviderStatus reading = result.providerStatus().getFirst();
    assertThat(reading.components()).containsExactly(Map.entry("Card payments", "partial_outage"));
    assertThat(reading.incidents()).singleElement().satisfies(i -> {
      assertThat(i.name()).isEqualTo("Elevated declines for Amex");
      assertThat(i.status()).isEqualTo("investigating");
      assertThat(i.impact()).isEqualTo("minor");
      assertThat(i.startedAt()).isEqualTo(Instant.parse("2026-05-09T10:04:00Z"));
      assertThat(i.link()).isEqualTo("https://stspg.io/p31zjtct2jer");
      assertThat(i.components()).containsExactly("Card payments");
      assertThat(i.latestUpdate()).startsWith("Declines are limited to American Express");
    });
    assertThat(reading.findings()).containsExactly(
        "provider status: 'Elevated declines for Amex' (investigating, minor) since 10:04Z "
            + "https://stspg.io/p31zjtct2jer",
        "provider status: Card payments partial_outage");
  }

  @Test
  void withoutAFilterEveryOpenIncidentAndEveryComponentCountsButGroupsDoNot() {
    ProbeResult result = read("card-payments-incident.json", List.of());

    ProviderStatus reading = result.providerStatus().getFirst();
    assertThat(reading.incidents()).extracting(ProviderStatus.ProviderIncident::name)
        .containsExactly("Elevated declines for Amex", "Dashboard exports delayed");
    assertThat(reading.components()).containsOnlyKeys("API", "Card payments", "Dashboard");
  }

  @Test
  void anIncidentOnlyOnAnotherComponentIsNotAFinding() {
    ProbeResult result = read("card-payments-incident.json", List.of("API"));

    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(result.providerStatus().getFirst().troubled()).isFalse();
  }

  @Test
  void aWatchedComponentDownWithoutAnIncidentFails() {
    ProbeResult result = read("degraded-no-incident.json", List.of("Card payments"));

    assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.PROVIDER_INCIDENT);
    assertThat(result.failure().get().message())
        .isEqualTo("provider reports Card payments degraded_performance");
  }

  @Test
  void aResolvedIncidentStillListedIsNotOpen() {
    ProbeResult result = read("resolved-incident.json", List.of("Card payments"));

    assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(result.providerStatus().getFirst().incidents()).isEmpty();
  }

  @Test
  void anAnswerThatIsNotASummaryFailsWithReasonBody() {
    ProbeResult result = read("missing.json", List.of());

    assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.BODY);
    assertThat(result.failure().get().message()).contains("Statuspage");
    assertThat(result.providerStatus()).isEmpty();
  }
}
