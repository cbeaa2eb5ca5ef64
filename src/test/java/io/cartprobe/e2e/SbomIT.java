package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mvn package} writes a CycloneDX SBOM of what the jar ships: target/bom.json. */
class SbomIT {

  @Test
  void theBomListsTheShippedLibrariesAndNoTestOnes() throws Exception {
    Path bom = JarProcess.jar().resolveSibling("bom.json");
    assertThat(bom).exists();
    JsonNode root = new ObjectMapper().readTree(bom.toFile());

    assertThat(root.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(root.path("specVersion").asText()).matches("1\\.[4-9]");
    assertThat(root.path("metadata").path("component").path("name").asText()).isEqualTo("cartprobe");
    List<String> purls = new ArrayList<>();
    root.path("components").forEach(c -> purls.add(c.path("purl").asText()));
    assertThat(purls).anyMatch(p -> p.startsWith("pkg:maven/com.squareup.okhttp3/okhttp-jvm@"))
        .anyMatch(p -> p.startsWith("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.23."))
        .anyMatch(p -> p.startsWith("pkg:maven/org.yaml/snakeyaml@"))
        .noneMatch(p -> p.contains("/junit-jupiter") || p.contains("/assertj-core")
            || p.contains("/mockwebserver3"));
  }
}
