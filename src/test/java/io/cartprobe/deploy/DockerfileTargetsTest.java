package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's two targets (no Docker daemon needed): the default, built without
 * {@code --target}, is the last stage and has no browser; {@code browser} adds Chromium to the
 * same runtime and drops back to the same non-root user. deploy/docker/smoke-test.sh builds and
 * runs both where a daemon is available.
 */
class DockerfileTargetsTest {

  record Stage(String from, String name, List<String> lines) {}

  private static List<Stage> stages() throws IOException {
    List<Stage> stages = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      String[] words = line.strip().split("\\s+");
      if (words[0].equals("FROM")) {
        stages.add(new Stage(words[1], words.length >= 4 ? words[3] : "", new ArrayList<>()));
      } else if (!stages.isEmpty() && !line.strip().startsWith("#")) {
        stages.getLast().lines().add(line.strip());
      }
    }
    return stages;
  }

  @Test
  void theDefaultTargetIsTheRuntimeWithoutABrowser() throws IOException {
    List<Stage> stages = stages();
    Stage runtime = stages.stream().filter(s -> s.name().equals("runtime")).findFirst().orElseThrow();
    assertThat(stages.getLast().from()).isEqualTo("runtime");
    // Nothing of its own but the OCI labels every target carries (DockerfileLabelsTest).
    assertThat(stages.getLast().lines()).allMatch(line -> line.isEmpty()
        || line.startsWith("ARG ") || line.startsWith("LABEL ") || line.startsWith("org.opencontainers."));
    assertThat(String.join("\n", runtime.lines())).doesNotContain("chromium")
        .contains("USER 10001:10001");
  }

  @Test
  void theBrowserTargetAddsChromiumAndStaysNonRoot() throws IOException {
    Stage browser = stages().stream().filter(s -> s.name().equals("browser")).findFirst()
        .orElseThrow();
    assertThat(browser.from()).isEqualTo("runtime");
    String body = String.join("\n", browser.lines());
    assertThat(body).contains("apt-get install -y --no-install-recommends chromium",
        "CARTPROBE_CHROMIUM=/usr/bin/chromium");
    assertThat(browser.lines().stream().filter(l -> l.startsWith("USER ")).toList().getLast())
        .isEqualTo("USER 10001:10001");
  }

  @Test
  void theSmokeTestBuildsBothTargets() throws IOException {
    String smoke = Files.readString(Path.of("deploy/docker/smoke-test.sh"));
    assertThat(smoke).contains("docker build -t \"$IMAGE\" .",
        "docker build --target browser -t \"$BROWSER_IMAGE\" .", "--read-only --tmpfs /tmp");
  }
}
