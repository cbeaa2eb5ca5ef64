package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three locations (three real agents, each reaching the demo shop through its own network path)
 * push to one real Alertmanager (Debian package prometheus-alertmanager), which groups by
 * alertname and env as deploy/ recommends. A global outage (the shop's cart service down) is one
 * notification carrying all three locations; a regional one (one path cut) is one notification
 * naming that location alone. A silence holds the first notification until every location has
 * reported, so the count does not depend on how fast the agents are.
 */
class LocationsAlertmanagerIT {

  /** The Debian package's binary, found on the PATH like promtool and kubectl. */
  private static final Path BINARY = java.util.Arrays.stream(
          System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
      .map(d -> Path.of(d, "prometheus-alertmanager")).filter(Files::isExecutable).findFirst()
      .orElse(Path.of("prometheus-alertmanager"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> LOCATIONS = List.of("eu-west-1", "us-east-1", "ap-south-1");

  @TempDir Path dir;

  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  @Test
  void aGlobalOutageIsOneNotificationARegionalOneNamesItsLocation() throws Exception {
    assertThat(Files.isExecutable(BINARY)).as("install the Debian package prometheus-alertmanager")
        .isTrue();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/notify", exchange -> {
      notifications.add(JSON.readTree(exchange.getRequestBody()));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    int amPort = freePort();
    String am = "http://127.0.0.1:" + amPort;
    Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: oncall
          group_by: [alertname, env]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: oncall
            webhook_configs:
              - url: http://127.0.0.1:%d/notify
                send_resolved: false
        """.formatted(receiver.getAddress().getPort()));
    Process alertmanager = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address=")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    Path config = dir.resolve("probes.yaml");
    Files.writeString(config, """
        agent:
          listen: 127.0.0.1:0
          labels: {location: "${CARTPROBE_LOCATION}"}
        environments:
          production: {vars: {base_url: "${SHOP_URL}/production"}}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            timeout: 30s
            steps:
              - name: create_cart
                component: cart-service
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
                expect: {status: 201}
        alerts:
          - name: checkout-failing
            when: {consecutive_failures: 2}
            resolve_after: 1
            severity: critical
            notify: [alertmanager]
        webhooks:
          - name: alertmanager
            url: %s
            format: alertmanager-api
        """.formatted(am));
    List<JarProcess> agents = new ArrayList<>();
    List<NetworkPath> paths = new ArrayList<>();
    try (JarProcess demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent")) {
      URI shop = URI.create(demo.awaitUrl(JarProcess.DEMO_URL));
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> get(am + "/-/ready").statusCode() == 200);
      String silence = silenceCheckoutFailing(am);
      for (String location : LOCATIONS) {
        NetworkPath path = new NetworkPath(new InetSocketAddress(shop.getHost(), shop.getPort()));
        paths.add(path);
        agents.add(JarProcess.start(Map.of("CARTPROBE_CONFIG", config.toString(),
            "CARTPROBE_LOCATION", location, "SHOP_URL", "http://127.0.0.1:" + path.port()), "agent"));
      }
      for (JarProcess agent : agents) {
        agent.awaitUrl(JarProcess.AGENT_URL);
      }

      // Global: the cart service is down for everyone.
      post(shop + "/demo/faults/cart-down");
      await().atMost(Duration.ofSeconds(90)).until(() -> activeLocations(am).size() == 3);
      HTTP.send(HttpRequest.newBuilder(URI.create(am + "/api/v2/silence/" + silence)).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      await().atMost(Duration.ofSeconds(60)).until(() -> !notifications.isEmpty());
      assertThat(notifications).hasSize(1);
      assertThat(firingLocations(notifications.get(0))).containsExactlyInAnyOrderElementsOf(LOCATIONS);
      assertThat(notifications.get(0).at("/groupLabels").toString())
          .isEqualTo("{\"alertname\":\"checkout-failing\",\"env\":\"production\"}");

      // Regional: the shop is back, but ap-south-1 cannot reach it.
      send("DELETE", shop + "/demo/faults/cart-down");
      await().atMost(Duration.ofSeconds(90)).until(() -> activeLocations(am).isEmpty());
      int before = notifications.size();
      paths.get(2).cut();
      await().atMost(Duration.ofSeconds(90)).until(() -> notifications.size() > before);
      List<JsonNode> regional = notifications.subList(before, notifications.size());
      assertThat(regional).hasSize(1);
      assertThat(firingLocations(regional.get(0))).containsExactly("ap-south-1");
      assertThat(regional.get(0).at("/alerts/0/annotations/reason").asText()).isEqualTo("connect");
    } finally {
      agents.forEach(JarProcess::close);
      paths.forEach(NetworkPath::close);
      // Alertmanager writes its snapshot on SIGTERM: wait until it has gone, or the temporary
      // directory is deleted under it and the clean-up fails the test.
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor();
      }
      receiver.stop(0);
    }
  }

  private static List<String> firingLocations(JsonNode notification) {
    List<String> locations = new ArrayList<>();
    notification.get("alerts").forEach(a -> {
      if (a.get("status").asText().equals("firing")) {
        locations.add(a.at("/labels/location").asText());
      }
    });
    return locations;
  }

  /** Locations whose checkout-failing alert Alertmanager holds as unresolved (silenced or not). */
  private static List<String> activeLocations(String am) throws Exception {
    List<String> locations = new ArrayList<>();
    for (JsonNode alert : JSON.readTree(get(am + "/api/v2/alerts").body())) {
      if (alert.at("/labels/alertname").asText().equals("checkout-failing")
          && Instant.parse(alert.get("endsAt").asText()).isAfter(Instant.now())) {
        locations.add(alert.at("/labels/location").asText());
      }
    }
    return locations;
  }

  private static String silenceCheckoutFailing(String am) throws Exception {
    Instant now = Instant.now();
    String body = """
        {"matchers":[{"name":"alertname","value":"checkout-failing","isRegex":false}],
         "startsAt":"%s","endsAt":"%s","createdBy":"LocationsAlertmanagerIT",
         "comment":"hold the first notification until every location reported"}
        """.formatted(now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(am + "/api/v2/silences"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("silenceID").asText();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void post(String url) throws Exception {
    send("POST", url);
  }

  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.discarding());
  }
}
