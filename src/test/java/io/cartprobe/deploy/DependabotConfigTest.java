package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** .github/dependabot.yml watches every manifest the repository has, where it is. */
class DependabotConfigTest {

  @Test
  void eachEcosystemPointsAtItsManifest() throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(Path.of(".github/dependabot.yml")));
    assertThat(config).containsEntry("version", 2);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> updates = (List<Map<String, Object>>) config.get("updates");
    Map<String, String> manifests = Map.of("maven", "pom.xml", "docker", "Dockerfile",
        "npm", "package.json");
    assertThat(updates).extracting(u -> u.get("package-ecosystem"))
        .containsExactlyInAnyOrderElementsOf(manifests.keySet());
    for (Map<String, Object> update : updates) {
      String directory = ((String) update.get("directory")).replaceFirst("^/", "");
      Path manifest = Path.of(directory.isEmpty() ? "." : directory)
          .resolve(manifests.get((String) update.get("package-ecosystem")));
      assertThat(manifest).as("%s", update).exists();
      assertThat(update).containsKey("schedule");
    }
    assertThat(Path.of(".github/workflows")).as("no GitHub Actions to update").doesNotExist();
  }
}
