package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One set of JVM flags for the user (docs/deploy.md, "JVM flags"): the image's agent ENTRYPOINT
 * has the launcher's defaults, with the heap capped by the container's limit instead of a fixed
 * -Xmx; both AOT training runs use the object-header layout of the JVM that maps their cache
 * (the JVM refuses a cache written under the other one).
 */
class JvmFlagsTest {

  static List<String> launcherDefaults() throws IOException {
    Matcher m = Pattern.compile("(?m)^defaults=\"([^\"]+)\"$")
        .matcher(Files.readString(Path.of("bin/cartprobe")));
    assertThat(m.find()).as("defaults= in bin/cartprobe").isTrue();
    return Arrays.asList(m.group(1).split(" "));
  }

  static List<String> entrypoint() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    int start = dockerfile.indexOf("ENTRYPOINT [");
    String array = dockerfile.substring(start, dockerfile.indexOf(']', start));
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(array);
    while (m.find()) {
      words.add(m.group(1));
    }
    return words;
  }

  @Test
  void theImageRunsTheAgentWithTheLaunchersFlags() throws IOException {
    List<String> expected = new ArrayList<>(launcherDefaults());
    assertThat(expected).contains("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders")
        .anyMatch(f -> f.startsWith("-Xmx"));
    expected.removeIf(f -> f.startsWith("-Xmx"));
    assertThat(entrypoint()).containsAll(expected).contains("-XX:MaxRAMPercentage=60",
        "-XX:AOTCache=/opt/cartprobe/cartprobe.aot").noneMatch(f -> f.startsWith("-Xmx"));
  }

  @Test
  void theImagesOneOffCommandsGetTheLaunchersOneOffFlags() throws IOException {
    Matcher launcher = Pattern.compile("(?m)^one_off=\"([^\"]+)\"$")
        .matcher(Files.readString(Path.of("bin/cartprobe")));
    assertThat(launcher.find()).as("one_off= in bin/cartprobe").isTrue();
    Matcher image = Pattern.compile("CARTPROBE_JAVA_OPTS=\"([^\"]+)\"")
        .matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(image.find()).as("CARTPROBE_JAVA_OPTS in the Dockerfile").isTrue();
    assertThat(Arrays.asList(image.group(1).split(" ")))
        .containsAll(Arrays.asList(launcher.group(1).split(" ")));
  }

  @Test
  void trainingRunsUseTheHeaderLayoutOfTheirCachesUser() throws IOException {
    assertThat(entrypoint()).contains("-XX:+UseCompactObjectHeaders");
    assertThat(Files.readString(Path.of("deploy/docker/aot-train.sh")))
        .contains("-XX:+UseCompactObjectHeaders -XX:-UsePerfData -XX:AOTCacheOutput");
    assertThat(Files.readString(Path.of("Dockerfile")))
        .containsPattern("CARTPROBE_JAVA_OPTS=\"[^\"]*-XX:\\+UseCompactObjectHeaders");
    // mvn package trains through the launcher itself, with whatever its defaults are
    assertThat(Files.readString(Path.of("src/build/aot-train.sh")))
        .contains("JDK_JAVA_OPTIONS=\"-XX:AOTCacheOutput=$cache", "\"$project/bin/cartprobe\" run");
  }
}
