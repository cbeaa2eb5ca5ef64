package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.demo.DemoProbesYaml;
import io.cartprobe.result.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real agents sharing the demo's probes.yaml as shards 0/2 and 1/2. Shard 1 wins both
 * checkouts; shard 0 wins gateway-config @ production, which shard 1 also runs as evidence for
 * its checkout. The May 9 fault then gives one notification per alert: the checkout's from shard
 * 1, naming the gateway change it saw in its own evidence, the gateway's from shard 0 alone.
 */
class ShardedDemoIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void twoShardsSendEachAlertOnceAndTheCheckoutsNamesTheGatewayChange() throws Exception {
    // One checkout per environment: this test is about shards, not variants.
    Path config = DemoProbesYaml.relaxed().withoutMatrix()
        .probe("checkout", p -> {
          p.put("interval", "2s");
          p.put("interval_when_failing", "1s");
        })
        .probe("gateway-config", p -> p.put("interval", "2s"))
        .writeTo(Files.createDirectories(dir.resolve("sharded")));
    try (JarProcess demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent")) {
      String shop = demo.awaitUrl(JarProcess.DEMO_URL);
      Map<String, String> env = Map.of("CARTPROBE_DEMO_URL", shop, "CARTPROBE_CONFIG",
          config.toString(), "CARTPROBE_SHARD", "0/2");
      try (JarProcess zero = JarProcess.start(env, "agent");
          JarProcess one = JarProcess.start(env, "agent", "--shard", "1/2")) {
        String zeroUrl = zero.awaitUrl(JarProcess.AGENT_URL);
        String oneUrl = one.awaitUrl(JarProcess.AGENT_URL);

        JsonNode zeroStatus = get(zeroUrl + "/api/status");
        JsonNode oneStatus = get(oneUrl + "/api/status");
        // What each agent runs is what `cartprobe list --shard` says it owns.
        JsonNode zeroList = list(env, "0/2");
        JsonNode oneList = list(env, "1/2");
        assertThat(zeroStatus.get("shard")).isEqualTo(zeroList.get("shard"));
        assertThat(oneStatus.get("shard")).isEqualTo(oneList.get("shard"));
        assertThat(pairs(zeroStatus)).containsExactlyElementsOf(pairs(zeroList.get("probes")));
        assertThat(pairs(zeroStatus)).contains("gateway-config@production")
            .doesNotContain("checkout@production");
        assertThat(pairs(oneStatus)).contains("checkout@production", "gateway-config@production");

        // Both shards take their baseline of the gateway's configuration before it changes.
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
            hasRun(zeroUrl, "gateway-config@production") && hasRun(oneUrl, "gateway-config@production"));
        post(shop + "/demo/faults/gateway-config");

        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
          List<String> firing = firing(shop);
          return firing.contains("checkout-failing checkout@production")
              && firing.contains("gateway-config-changed gateway-config@production")
              && firing.contains("gateway-config-failing gateway-config@production")
              && deliveriesSettled(zeroUrl) && deliveriesSettled(oneUrl);
        });

        // Shard 1 saw the change in its own evidence run but decided nothing about that pair.
        assertThat(firingAlerts(get(oneUrl + "/api/status")))
            .contains("checkout-failing checkout@production")
            .noneMatch(a -> a.endsWith("gateway-config@production"));
        assertThat(firingAlerts(get(zeroUrl + "/api/status")))
            .contains("gateway-config-changed gateway-config@production")
            .noneMatch(a -> a.startsWith("checkout"));
        List<String> firing = firing(shop);
        assertThat(firing).filteredOn("checkout-failing checkout@production"::equals).hasSize(1);
        assertThat(firing).filteredOn("gateway-config-changed gateway-config@production"::equals)
            .hasSize(1);
        assertThat(firing).doesNotHaveDuplicates();
        String checkoutAlert = notifications(shop).stream()
            .filter(n -> label(n, "alertname").equals("checkout-failing")
                && label(n, "env").equals("production"))
            .findFirst().orElseThrow().toString();
        assertThat(checkoutAlert).contains("gateway-config", "rsa-pss-sha512");
        assertThat(get(oneUrl + "/metrics", "text/plain").asText())
            .contains("cartprobe_shard_info{count=\"2\",index=\"1\",location=\"local-demo\"} 1")
            .contains("cartprobe_shard_owned_pairs{location=\"local-demo\"} "
                + oneList.get("shard").get("owned_pairs").asInt() + ".0");
      }
    }
  }

  private static JsonNode list(Map<String, String> env, String shard) throws Exception {
    JarProcess.Outcome listed = JarProcess.run(env, "list", "--shard", shard, "-o", "json");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    return Json.parse(listed.stdout());
  }

  private static List<String> pairs(JsonNode status) {
    List<String> pairs = new ArrayList<>();
    (status.isArray() ? status : status.get("probes")).forEach(p -> pairs.add(p.get("probe").asText() + "@" + p.get("env").asText()));
    return pairs;
  }

  private static boolean hasRun(String agent, String pair) throws Exception {
    for (JsonNode p : get(agent + "/api/status").get("probes")) {
      if ((p.get("probe").asText() + "@" + p.get("env").asText()).equals(pair)) {
        return !p.get("last_result").isNull();
      }
    }
    return false;
  }

  private static boolean deliveriesSettled(String agent) throws Exception {
    return get(agent + "/api/status").get("webhook_deliveries").get("pending").isEmpty();
  }

  private static List<String> firingAlerts(JsonNode status) {
    List<String> firing = new ArrayList<>();
    status.get("alerts").forEach(a -> {
      if (a.get("state").asText().equals("firing")) {
        firing.add(a.get("alert").asText() + " " + a.get("probe").asText() + "@" + a.get("env").asText());
      }
    });
    return firing;
  }

  /** "alertname probe@env" of every firing notification the demo's receiver got. */
  private static List<String> firing(String shop) throws Exception {
    return notifications(shop).stream().filter(n -> n.get("status").asText().equals("firing"))
        .map(n -> label(n, "alertname") + " " + label(n, "probe") + "@" + label(n, "env")).toList();
  }

  private static List<JsonNode> notifications(String shop) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    get(shop + "/demo/notifications").get("notifications").forEach(n -> bodies.add(n.get("body")));
    return bodies;
  }

  private static String label(JsonNode alertmanagerPayload, String name) {
    return alertmanagerPayload.get("alerts").get(0).get("labels").get(name).asText();
  }

  private static JsonNode get(String url) throws Exception {
    return get(url, "application/json");
  }

  private static JsonNode get(String url, String accept) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    return accept.equals("application/json") ? Json.parse(response.body())
        : Json.tree(response.body());
  }

  private static void post(String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
  }
}
