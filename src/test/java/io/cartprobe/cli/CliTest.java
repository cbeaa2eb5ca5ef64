package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process, through picocli, with their output captured. */
class CliTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> environment = new HashMap<>();

  private int execute(String... args) {
    CliContext context = new CliContext(environment, dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private void write(String name, String yaml) throws Exception {
    Files.writeString(dir.resolve(name), yaml);
  }

  private static final String VALID = """
      environments:
        staging:
          vars: {base_url: "http://127.0.0.1:9/staging"}
        production:
          vars: {base_url: "http://127.0.0.1:9/production"}
      probes:
        - name: checkout
          type: checkout
          interval: 30s
          interval_when_failing: 10s
          steps:
            - name: create_cart
              component: cart-service
              request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: A}}
      alerts:
        - name: checkout-failing
          when: {consecutive_failures: 3}
          notify: [oncall]
      webhooks:
        - name: oncall
          url: http://127.0.0.1:9/hook
      """;

  @Test
  void validateAcceptsAGoodFileAndSummarisesIt() throws Exception {
    write("probes.yaml", VALID);

    assertThat(execute("validate")).isZero();
    assertThat(out.toString()).isEqualTo(
        "probes.yaml: valid: 1 probe in 2 environments (2 runs per round), 1 alert, 1 webhook\n");
  }

  @Test
  void validateAsJsonGivesEveryErrorWithItsKeyAndExit2() throws Exception {
    write("probes.yaml", VALID.replace("interval: 30s", "intreval: 30s")
        .replace("consecutive_failures: 3", "consecutive_failures: three"));

    assertThat(execute("validate", "-o", "json")).isEqualTo(2);
    assertThat(err.toString()).isEmpty();
    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.path("schema_version").asInt()).isEqualTo(1);
    assertThat(document.path("file").asText()).isEqualTo("probes.yaml");
    assertThat(document.path("valid").asBoolean(true)).isFalse();
    assertThat(document.path("summary").isNull()).isTrue();
    JsonNode first = document.path("errors").get(0);
    assertThat(first.path("file").asText()).isEqualTo("probes.yaml");
    assertThat(first.path("line").asInt()).isEqualTo(9);
    assertThat(first.path("column").asInt()).isEqualTo(5);
    assertThat(first.path("key").asText()).isEqualTo("probes[0].intreval");
    assertThat(first.path("message").asText()).isEqualTo("unknown key (did you mean 'interval'?)");
    assertThat(document.path("errors")).hasSize(2);
    assertThat(document.path("errors").get(1).path("key").asText())
        .isEqualTo("alerts[0].when.consecutive_failures");
  }

  @Test
  void validateAsJsonOfAGoodFileAndOfBrokenYaml() throws Exception {
    write("probes.yaml", VALID);
    assertThat(execute("validate", "-o", "json")).isZero();
    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.path("valid").asBoolean()).isTrue();
    assertThat(document.path("errors")).isEmpty();
    assertThat(document.path("summary").toString()).isEqualTo(
        "{\"probes\":1,\"environments\":2,\"runs_per_round\":2,\"alerts\":1,\"webhooks\":1,\"slos\":0}");

    out.getBuffer().setLength(0);
    write("probes.yaml", "probes: [\n");
    assertThat(execute("validate", "-o", "json")).isEqualTo(2);
    JsonNode broken = new ObjectMapper().readTree(out.toString()).path("errors").get(0);
    assertThat(broken.path("key").asText()).isEmpty();
    assertThat(broken.path("line").asInt()).isPositive();
    assertThat(broken.path("message").asText()).isNotBlank();
  }

  @Test
  void listAsJsonHasEveryPairAlertAndWebhook() throws Exception {
    write("probes.yaml", VALID);

    assertThat(execute("list", "-o", "json")).isZero();
    JsonNode document = new ObjectMapper().readTree(out.toString());
    assertThat(document.path("schema_version").asInt()).isEqualTo(1);
    assertThat(document.path("probes")).hasSize(2);
    assertThat(document.path("probes").get(1).toString()).isEqualTo("{\"probe\":\"checkout\","
        + "\"type\":\"checkout\",\"env\":\"production\",\"interval\":\"30s\","
        + "\"interval_when_failing\":\"10s\",\"timeout\":\"10s\",\"retries\":0,"
        + "\"steps\":[\"create_cart\"]}");
    assertThat(document.path("alerts").get(0).path("when").asText()).isEqualTo("3 consecutive failures");
    assertThat(document.path("alerts").get(0).path("notify").get(0).asText()).isEqualTo("oncall");
    assertThat(document.path("webhooks").get(0).toString())
        .isEqualTo("{\"name\":\"oncall\",\"format\":\"json\",\"signed\":false,\"targets\":1}");
    assertThat(document.path("slos")).isEmpty();
  }

  @Test
  void schemaPrintsTheConfigSchemaWithItsId() throws Exception {
    assertThat(execute("schema")).isZero();
    assertThat(out.toString()).isEqualTo(Files.readString(Path.of("docs/probes.schema.json")))
        .contains("\"$id\": \"https://cartprobe.io/schema/probes.json\"");
  }

  @Test
  void sloRulesPrintsRulesForEachSloAndRefusesAFileWithout() throws Exception {
    write("probes.yaml", VALID);
    assertThat(execute("slo-rules")).isEqualTo(2);
    assertThat(err.toString()).startsWith("probes.yaml: no slos defined");
    assertThat(out.toString()).isEmpty();

    write("probes.yaml", VALID + """
        slos:
          - {name: checkout-availability, probes: [checkout], objective: 99.9}
        """);
    assertThat(execute("slo-rules")).isZero();
    assertThat(out.toString())
        .startsWith("# Generated by `cartprobe slo-rules` from probes.yaml")
        .contains("- name: cartprobe.slo.checkout-availability")
        .contains("- alert: CartprobeSloBurnRatePage")
        .contains("rate1h{slo=\"checkout-availability\"} > 0.0144");
  }

  @Test
  void configFileComesFromFlagThenEnvironmentThenDefault() throws Exception {
    write("from-env.yaml", VALID);
    environment.put("CARTPROBE_CONFIG", "from-env.yaml");

    assertThat(execute("validate")).isZero();
    assertThat(out.toString()).startsWith("from-env.yaml: valid");

    assertThat(execute("validate", "-c", "missing.yaml")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        "missing.yaml:1:1: no such file (name one with -c FILE or $CARTPROBE_CONFIG)\n"
            + "1 error in missing.yaml; nothing was run\n");
  }

  @Test
  void everyCommandRefusesABadFileTheSameWay() throws Exception {
    write("probes.yaml", VALID.replace("interval: 30s", "interval: 30 seconds"));

    for (String command : new String[] {"validate", "list", "run"}) {
      err.getBuffer().setLength(0);
      assertThat(execute(command)).as(command).isEqualTo(2);
      assertThat(err.toString()).as(command)
          .startsWith("probes.yaml:9:15: probes[0].interval: ")
          .endsWith("1 error in probes.yaml; nothing was run\n");
    }
  }

  @Test
  void listShowsTheVariantsOfAMatrix() throws Exception {
    write("probes.yaml", VALID.replace("    interval: 30s\n",
        "    interval: 30s\n    matrix: {payment_method: [visa, amex], currency: [USD, EUR]}\n"));

    assertThat(execute("list")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("""

        PROBE     VARIANTS                             MATRIX
        checkout  visa,USD visa,EUR amex,USD amex,EUR  payment_method x currency
        """);
  }

  @Test
  void listShowsProbesTimesEnvironmentsAndAlerts() throws Exception {
    write("probes.yaml", VALID);

    assertThat(execute("list")).isZero();
    assertThat(out.toString()).isEqualTo("""
        PROBE     TYPE      ENV         INTERVAL  WHEN FAILING  TIMEOUT  RETRIES  STEPS
        checkout  checkout  staging     30s       10s           10s      0        create_cart
        checkout  checkout  production  30s       10s           10s      0        create_cart

        ALERT             SEVERITY  WHEN                    PROBES  ENVS  NOTIFY
        checkout-failing  warning   3 consecutive failures  all     all   oncall

        WEBHOOK  FORMAT  SIGNED  TARGETS
        oncall   json    no      1
        """);
  }

  @Test
  void countsOfOneAreWordedInTheSingular() throws Exception {
    write("probes.yaml", """
        environments:
          production:
            vars: {base_url: "http://127.0.0.1:9/production"}
        probes:
          - name: checkout
            type: checkout
            steps:
              - name: create_cart
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: A}}
        alerts:
          - name: checkout-failing
            when: {consecutive_failures: 1}
            notify: [oncall]
          - name: checkout-flaky
            when: {failure_ratio: 0.5, window: 10m, min_runs: 1}
            notify: [oncall]
        webhooks:
          - name: oncall
            url: http://127.0.0.1:9/hook
        """);

    assertThat(execute("validate")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo(
        "probes.yaml: valid: 1 probe in 1 environment (1 run per round), 2 alerts, 1 webhook\n");

    out.getBuffer().setLength(0);
    assertThat(execute("list")).isZero();
    assertThat(out.toString())
        .contains("checkout-failing  warning   1 consecutive failure ")
        .contains("failure ratio >= 50% over 10m (min 1 run)");
  }

  @Test
  void unknownProbeOrEnvironmentIsAUsageError() throws Exception {
    write("probes.yaml", VALID);

    assertThat(execute("run", "-p", "chekout")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown probe 'chekout' (defined: checkout)");

    assertThat(execute("run", "-e", "prod")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown environment 'prod' (defined: staging, production)");
  }

  @Test
  void runVariantRunsOnlyTheNamedVariantsAndAnUnknownOneIsAUsageError() throws Exception {
    write("probes.yaml", VALID.replace("    interval: 30s\n",
        "    interval: 30s\n    matrix: {payment_method: [visa, amex], currency: [USD, EUR]}\n"));

    assertThat(execute("run", "-e", "staging", "--variant", "amex,EUR", "-o", "json"))
        .as(err.toString()).isEqualTo(1);
    JsonNode results = new ObjectMapper().readTree(out.toString()).path("results");
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.path("variant").asText()).isEqualTo("amex,EUR");
      assertThat(r.path("env").asText()).isEqualTo("staging");
    });

    assertThat(execute("run", "--variant", "amex")).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown variant 'amex' (defined: visa,USD visa,EUR amex,USD amex,EUR)");
  }

  @Test
  void runAgainstAClosedPortFailsWithReasonConnectAndExit1() throws Exception {
    write("probes.yaml", VALID);

    assertThat(execute("run", "-e", "staging")).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAIL  checkout @ staging")
        .containsPattern("create_cart\\s+cart-service\\s+FAIL")
        .contains("-> create_cart (cart-service) failed, reason connect")
        .contains("1 run: 0 passed, 0 degraded, 1 failed")
        .doesNotContain("\u001b[");
  }

  @Test
  void rootCommandWithoutSubcommandIsAUsageError() {
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString()).contains("missing command").contains("Usage: cartprobe");
  }
}
