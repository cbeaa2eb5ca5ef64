package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** {@code /probe} takes blackbox_exporter's own parameters, as an Operator Probe sends them. */
class BlackboxParametersTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(Agent agent, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port()
        + "/probe?" + query)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void moduleIsTheProbeTargetIsTheEnvironment() throws Exception {
    try (MockWebServer shop = new MockWebServer()) {
      shop.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      shop.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      shop.start();
      CartprobeConfig config = AgentFixtures.parse("""
          environments:
            production: {vars: {base_url: "http://127.0.0.1:%d"}}
          probes:
            - name: checkout
              type: checkout
              interval: 24h
              steps:
                - {name: pay, request: {url: "{{base_url}}/pay"}}
          """.formatted(shop.getPort()));
      try (Agent agent = new Agent(() -> config, config, Clock.systemUTC(),
          Optional.of(new InetSocketAddress("127.0.0.1", 0))).start()) {
        HttpResponse<String> blackbox = get(agent, "module=checkout&target=production");
        assertThat(blackbox.statusCode()).as(blackbox.body()).isEqualTo(200);
        assertThat(blackbox.body()).contains("\nprobe_success 1\n", "probe_step_success{step=\"pay\"} 1");
        assertThat(get(agent, "probe=checkout&target=production&variant=").statusCode()).isEqualTo(200);

        HttpResponse<String> disagree = get(agent, "probe=checkout&module=gateway&target=production");
        assertThat(disagree.statusCode()).isEqualTo(400);
        assertThat(disagree.body()).isEqualTo("probe=checkout and module=gateway disagree: give one\n");
        HttpResponse<String> variant = get(agent, "module=checkout&target=production&variant=eu");
        assertThat(variant.statusCode()).isEqualTo(400);
        assertThat(variant.body()).isEqualTo("probe 'checkout' has no matrix: leave variant out\n");
        HttpResponse<String> missing = get(agent, "module=checkout");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo(
            "give both ?probe=NAME&env=ENV (or blackbox_exporter's ?module=NAME&target=ENV)\n");
        HttpResponse<String> unknown = get(agent, "module=checkout&target=staging");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("does not run in environment 'staging'");
      }
    }
  }
}
