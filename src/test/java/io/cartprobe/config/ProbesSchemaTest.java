package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * docs/probes.schema.json stays true: every example probes.yaml in the repository validates
 * against it, and its objects accept exactly the keys the loader's section readers accept.
 */
class ProbesSchemaTest {

  static final Path SCHEMA = Path.of("docs/probes.schema.json");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Each object of the schema (a JSON pointer to it) and the loader's key list for it. */
  static final Map<String, List<String>> LOADER_KEYS = new LinkedHashMap<>();

  static {
    LOADER_KEYS.put("", ConfigLoader.ROOT_KEYS);
    LOADER_KEYS.put("/properties/agent/anyOf/0", AgentReader.KEYS);
    LOADER_KEYS.put("/properties/agent/anyOf/0/properties/otlp", OtlpReader.KEYS);
    LOADER_KEYS.put("/$defs/environment/anyOf/0", EnvironmentReader.KEYS);
    LOADER_KEYS.put("/$defs/probe", Stream.of(ProbeReader.COMMON_KEYS, ProbeReader.CHECKOUT_KEYS,
        ProbeReader.GATEWAY_KEYS, ProbeReader.PROVIDER_KEYS).flatMap(List::stream).distinct().toList());
    LOADER_KEYS.put("/$defs/stepBase", StepReader.STEP_KEYS);
    LOADER_KEYS.put("/$defs/stepBase/properties/browser/items", BrowserActionReader.KEYS);
    LOADER_KEYS.put("/$defs/request", StepReader.REQUEST_KEYS);
    LOADER_KEYS.put("/$defs/expect/anyOf/0", ExpectReader.EXPECT_KEYS);
    LOADER_KEYS.put("/$defs/when/anyOf/0", ExpectReader.WHEN_KEYS);
    LOADER_KEYS.put("/$defs/bodyCheck", ExpectReader.BODY_KEYS);
    LOADER_KEYS.put("/$defs/jsonChecks", ExpectReader.JSON_CHECKS);
    LOADER_KEYS.put("/$defs/extraction/anyOf/1", StepReader.EXTRACT_KEYS);
    LOADER_KEYS.put("/$defs/classifier", StepReader.CLASSIFY_KEYS);
    LOADER_KEYS.put("/$defs/alert", AlertReader.KEYS);
    LOADER_KEYS.put("/$defs/alertWhen", AlertReader.WHEN_KEYS);
    LOADER_KEYS.put("/$defs/silence", SilenceReader.KEYS);
    LOADER_KEYS.put("/$defs/webhook", WebhookReader.KEYS);
    LOADER_KEYS.put("/$defs/slo", SloReader.KEYS);
    LOADER_KEYS.put("/$defs/tls/anyOf/0", TlsReader.KEYS);
    LOADER_KEYS.put("/$defs/auth/anyOf/1", AuthReader.SCHEMES);
    LOADER_KEYS.put("/$defs/oauth2", AuthReader.OAUTH2_KEYS);
    LOADER_KEYS.put("/$defs/basic", AuthReader.BASIC_KEYS);
    LOADER_KEYS.put("/$defs/hmac", AuthReader.HMAC_KEYS);
    LOADER_KEYS.put("/$defs/awsSigv4", AuthReader.SIGV4_KEYS);
  }

  static JsonNode schemaNode() throws IOException {
    return JSON.readTree(SCHEMA.toFile());
  }

  static Schema schema() throws IOException {
    // by text: json-schema-validator 3 reads with Jackson 3, the project's model is Jackson 2
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
  }

  /** YAML as the loader sees it: scalars stay strings where YAML 1.1 would make timestamps. */
  static JsonNode yamlToJson(String yaml) {
    Resolver noTimestamps = new Resolver() {
      @Override
      protected void addImplicitResolvers() {
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
      }
    };
    LoaderOptions options = new LoaderOptions();
    Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
        new DumperOptions(), options, noTimestamps);
    return JSON.valueToTree(parser.load(yaml));
  }

  static List<String> errors(String yaml) throws IOException {
    return schema().validate(JSON.writeValueAsString(yamlToJson(yaml)), InputFormat.JSON).stream()
        .map(Error::toString).toList();
  }

  /** Every probes.yaml of the repository: the top-level example, the deploy/ ones, and ConfigMaps. */
  static Map<String, String> examples() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("probes.yaml", Files.readString(Path.of("probes.yaml")));
    out.put("deploy/docker/aot-training.yaml", Files.readString(Path.of("deploy/docker/aot-training.yaml")));
    try (Stream<Path> files = Files.walk(Path.of("deploy/kubernetes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        if (f.getFileName().toString().equals("probes.yaml")) {
          out.put(f.toString(), Files.readString(f)); // a kustomize configMapGenerator's file
          continue;
        }
        int i = 0;
        for (Object doc : new Yaml().loadAll(Files.readString(f))) {
          if (doc instanceof Map<?, ?> m && "ConfigMap".equals(m.get("kind"))
              && m.get("data") instanceof Map<?, ?> data && data.get("probes.yaml") instanceof String text) {
            out.put(f + " ConfigMap #" + i, text);
          }
          i++;
        }
      }
    }
    return out;
  }

  @Test
  void everyExampleValidates() throws IOException {
    Map<String, String> examples = examples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    examples.forEach((name, yaml) -> {
      try {
        assertThat(errors(yaml)).as(name).isEmpty();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void theSchemaCatchesWhatTheLoaderRejects() throws IOException {
    String valid = """
        environments: {prod: {vars: {base_url: "http://127.0.0.1:1"}}}
        probes:
          - name: checkout
            type: checkout
            interval: ${INTERVAL:-30s}
            retries: ${RETRIES:-1}
            steps:
              - name: a
                request: {url: "{{base_url}}/a"}
                expect: {status: [200, 2xx], json: {$.id: {exists: true}, $.n: 3}}
                extract: {id: $.id, s: {from: "cookie:s", secret: true}}
            cleanup:
              - request: {method: POST, url: "{{base_url}}/void"}
        silences:
          - {from: 2030-01-15T22:00:00Z, until: "2030-01-15T23:30:00Z"}
        """;
    assertThat(errors(valid)).isEmpty();
    assertThat(errors(valid.replace("interval:", "intreval:"))).isNotEmpty();
    assertThat(errors(valid.replace("{exists: true}", "{exist: true}"))).isNotEmpty();
    assertThat(errors(valid.replace("interval: ${INTERVAL:-30s}", "interval: 30 seconds"))).isNotEmpty();
    assertThat(errors(valid.replace("type: checkout", "type: gateway-config"))).as("steps in a gateway-config probe")
        .isNotEmpty();
    assertThat(errors(valid.replace("secret: true", "secret: true, why: x"))).isNotEmpty();
    assertThat(errors(valid.replace("[200, 2xx]", "[200, 2yy]"))).isNotEmpty();
    assertThat(errors(valid.replace("request: {url: \"{{base_url}}/a\"}",
        "request: {url: \"{{base_url}}/a\", json: {}, body: x}"))).as("json and body").isNotEmpty();
    assertThat(errors(valid.replace("request: {url: \"{{base_url}}/a\"}",
        "request: {url: \"{{base_url}}/a\", form: {}}"))).as("form alone").isEmpty();
  }

  @Test
  void theSchemaAcceptsExactlyTheLoadersKeys() throws IOException {
    JsonNode schema = schemaNode();
    for (var e : LOADER_KEYS.entrySet()) {
      JsonNode object = schema.at(e.getKey());
      assertThat(object.isMissingNode()).as("schema has %s", e.getKey()).isFalse();
      assertThat(names(object.get("properties"))).as("keys of %s", e.getKey())
          .containsExactlyInAnyOrderElementsOf(e.getValue());
      assertThat(object.get("additionalProperties").asBoolean(true)).as("%s refuses other keys", e.getKey())
          .isFalse();
    }
    // and no object in the schema lists keys that are not mapped to a loader key list
    List<String> withProperties = new ArrayList<>();
    collectObjectsWithProperties(schema, "", withProperties);
    assertThat(withProperties).containsExactlyInAnyOrderElementsOf(LOADER_KEYS.keySet());
  }

  private static TreeSet<String> names(JsonNode properties) {
    TreeSet<String> names = new TreeSet<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static boolean onlyPresence(JsonNode properties) {
    List<JsonNode> values = new ArrayList<>();
    properties.elements().forEachRemaining(values::add);
    return values.stream().allMatch(JsonNode::isBoolean);
  }

  /** JSON pointers of every schema object that declares {@code properties} of a config object. */
  private static void collectObjectsWithProperties(JsonNode node, String pointer, List<String> out) {
    if (node.isObject()) {
      JsonNode properties = node.get("properties");
      // "if" clauses only look at a key's value, and properties that are all true/false only
      // require or forbid keys declared elsewhere: neither declares keys of its own
      if (properties != null && properties.isObject() && !pointer.endsWith("/if")
          && !onlyPresence(properties)) {
        out.add(pointer);
      }
      node.fields().forEachRemaining(f -> {
        if (!f.getKey().equals("if")) {
          collectObjectsWithProperties(f.getValue(),
              pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), out);
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectObjectsWithProperties(node.get(i), pointer + "/" + i, out);
      }
    }
  }
}
