package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent reloads by itself when its ConfigMap is updated (the kubelet's symlink swap). */
class ConfigFileReloadIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  static String config(String... probes) {
    StringBuilder yaml = new StringBuilder("""
        agent: {listen: "127.0.0.1:0"}
        environments:
          production: {vars: {base_url: "http://127.0.0.1:9"}}
        probes:
        """);
    for (String probe : probes) {
      yaml.append("""
            - name: %s
              type: checkout
              interval: 1h
              steps:
                - {name: pay, component: gateway, request: {url: "{{base_url}}/pay"}}
          """.formatted(probe));
    }
    return yaml.toString();
  }

  @Test
  void aConfigMapUpdateReloadsTheAgent() throws Exception {
    Path first = Files.createDirectory(dir.resolve("..2026_12_02_00_00_00.1"));
    Files.writeString(first.resolve("probes.yaml"), config("checkout"));
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Path file = Files.createSymbolicLink(dir.resolve("probes.yaml"), Path.of("..data/probes.yaml"));
    try (JarProcess agent = JarProcess.start(Map.of(), "agent", "-c", file.toString())) {
      String url = agent.awaitUrl(JarProcess.AGENT_URL);
      assertThat(status(url)).contains("\"probe\" : \"checkout\"").doesNotContain("checkout-eu");

      Path second = Files.createDirectory(dir.resolve("..2026_12_02_00_01_00.2"));
      Files.writeString(second.resolve("probes.yaml"), config("checkout", "checkout-eu"));
      Files.move(Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName()),
          dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(url).contains("checkout-eu"));
      assertThat(agent.stdout() + agent.stderr()).contains("config file probes.yaml changed: reloading",
          "config reloaded: 2 probe runs scheduled");
    }
  }

  private static String status(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/status")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
