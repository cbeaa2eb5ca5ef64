package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every target of the Dockerfile carries the OCI image labels, filled from build arguments. */
class DockerfileLabelsTest {

  static final List<String> LABELS = List.of("version", "revision", "source", "licenses");

  /** The Dockerfile split at each FROM: the text of every stage (target). */
  static List<String> stages(String dockerfile) {
    List<String> stages = new ArrayList<>();
    for (String part : dockerfile.split("(?m)^(?=FROM )")) {
      if (part.startsWith("FROM ")) {
        stages.add(part);
      }
    }
    return stages;
  }

  @Test
  void everyTargetHasTheOciLabelsFromItsBuildArguments() throws IOException {
    List<String> stages = stages(Files.readString(Path.of("Dockerfile")));
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    for (String stage : stages) {
      String from = stage.lines().findFirst().orElseThrow();
      assertThat(stage).as(from).contains("ARG VERSION REVISION SOURCE LICENSES\n");
      for (String label : LABELS) {
        assertThat(stage).as("%s: label %s", from, label)
            .contains("org.opencontainers.image." + label + "=\"${" + label.toUpperCase() + "}\"");
      }
    }
  }

  @Test
  void theDefaultVersionIsThePomsAndEveryArgumentHasADefault() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    String preamble = dockerfile.substring(0, dockerfile.indexOf("\nFROM "));
    Matcher pom = Pattern.compile("<artifactId>cartprobe</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(pom.find()).isTrue();
    assertThat(preamble).contains("\nARG VERSION=" + pom.group(1) + "\n", "\nARG REVISION=",
        "\nARG SOURCE=", "\nARG LICENSES=");
  }
}
