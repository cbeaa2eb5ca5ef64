package io.cartprobe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus Operator resources: the PrometheusRule is the plain rules file, group for group;
 * every PodMonitor, PrometheusRule and Probe that kustomize renders validates against the CRD
 * schema fixtures (src/test/resources/crds); the Probe asks for a probe and environments that
 * exist.
 */
class PrometheusOperatorResourcesTest {

  static final Path OPERATOR = KubernetesManifestsTest.DIR.resolve("prometheus-operator");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Schema schema(String kind) throws IOException {
    try (InputStream in = PrometheusOperatorResourcesTest.class.getResourceAsStream(
        "/crds/" + kind.toLowerCase(java.util.Locale.ROOT) + ".schema.json")) {
      assertThat(in).as("schema fixture for " + kind).isNotNull();
      // The validator binds JSON with Jackson 3: it is given text, not our Jackson 2 trees.
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
              InputFormat.JSON);
    }
  }

  static List<String> errors(JsonNode resource) throws IOException {
    return schema(resource.get("kind").asText())
        .validate(JSON.writeValueAsString(resource), InputFormat.JSON).stream()
        .map(Error::toString).toList();
  }

  static List<JsonNode> rendered(Path dir) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (Object o : new Yaml().loadAll(Kustomize.render(dir))) {
      if (o != null) {
        docs.add(JSON.valueToTree(o));
      }
    }
    return docs;
  }

  @Test
  void thePrometheusRuleIsThePlainRulesFile() throws IOException {
    Object plain = new Yaml().load(Files.readString(Path.of("deploy/prometheus/cartprobe-rules.yml")));
    JsonNode expected = JSON.valueToTree(((Map<?, ?>) plain).get("groups"));
    JsonNode rule = rendered(OPERATOR).stream().filter(d -> d.get("kind").asText().equals("PrometheusRule"))
        .findFirst().orElseThrow();
    DumperOptions block = new DumperOptions();
    block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    assertThat(rule.at("/spec/groups"))
        .as("deploy/kubernetes/prometheus-operator/prometheusrule.yaml differs from the rules file;"
            + " its spec.groups should be:\n" + new Yaml(block).dump(((Map<?, ?>) plain).get("groups")))
        .isEqualTo(expected);
  }

  @Test
  void everyOperatorResourceValidatesAgainstItsCrdSchema() throws IOException {
    List<JsonNode> resources = new ArrayList<>();
    for (Path dir : List.of(OPERATOR, KubernetesManifestsTest.DIR.resolve("base"),
        KubernetesManifestsTest.DIR.resolve("overlays/sidecar"),
        KubernetesManifestsTest.DIR.resolve("overlays/per-region"),
        KubernetesManifestsTest.DIR.resolve("overlays/sharded"))) {
      rendered(dir).stream().filter(d -> d.get("apiVersion").asText().startsWith("monitoring.coreos.com/"))
          .forEach(resources::add);
    }
    assertThat(resources).extracting(r -> r.get("kind").asText())
        .contains("PodMonitor", "PrometheusRule", "Probe");
    for (JsonNode resource : resources) {
      assertThat(errors(resource)).as(resource.get("kind") + " " + resource.at("/metadata/name"))
          .isEmpty();
    }
  }

  @Test
  void theSchemasRejectWhatTheOperatorWould() throws IOException {
    JsonNode probe = rendered(OPERATOR).stream().filter(d -> d.get("kind").asText().equals("Probe"))
        .findFirst().orElseThrow();
    ObjectNode noUrl = probe.deepCopy();
    ((ObjectNode) noUrl.at("/spec/prober")).remove("url");
    assertThat(errors(noUrl)).anySatisfy(e -> assertThat(e).contains("url"));
    ObjectNode badInterval = probe.deepCopy();
    ((ObjectNode) badInterval.get("spec")).put("interval", "1 minute");
    assertThat(errors(badInterval)).anySatisfy(e -> assertThat(e).contains("interval"));
    ObjectNode misspelt = probe.deepCopy();
    ((ObjectNode) misspelt.get("spec")).put("modul", "checkout");
    assertThat(errors(misspelt)).anySatisfy(e -> assertThat(e).contains("modul"));

    JsonNode rule = rendered(OPERATOR).stream().filter(d -> d.get("kind").asText().equals("PrometheusRule"))
        .findFirst().orElseThrow();
    ObjectNode noExpr = rule.deepCopy();
    ((ObjectNode) noExpr.at("/spec/groups/0/rules/0")).remove("expr");
    assertThat(errors(noExpr)).anySatisfy(e -> assertThat(e).contains("expr"));
  }

  @Test
  void theProbeAsksForAProbeAndEnvironmentsTheBaseConfigHas() throws IOException {
    JsonNode probe = rendered(OPERATOR).stream().filter(d -> d.get("kind").asText().equals("Probe"))
        .findFirst().orElseThrow();
    Map<?, ?> config = new Yaml().load(Files.readString(KubernetesManifestsTest.DIR.resolve("base/probes.yaml")));
    JsonNode probes = JSON.valueToTree(config.get("probes"));
    List<String> names = new ArrayList<>();
    probes.forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).contains(probe.at("/spec/module").asText());
    List<String> targets = new ArrayList<>();
    probe.at("/spec/targets/staticConfig/static").forEach(t -> targets.add(t.asText()));
    assertThat(targets).isNotEmpty();
    assertThat(((Map<?, ?>) config.get("environments")).keySet().stream().map(Object::toString).toList())
        .containsAll(targets);
    assertThat(probe.at("/spec/prober/path").asText()).isEqualTo("/probe");
  }
}
