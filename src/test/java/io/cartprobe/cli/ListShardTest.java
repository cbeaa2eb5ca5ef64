package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cartprobe list --shard I/N} and {@code list -o json}. */
class ListShardTest {

  @TempDir Path dir;

  private StringWriter out;
  private StringWriter err;
  private final Map<String, String> environment = new HashMap<>();

  private int execute(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CliContext context = new CliContext(environment, dir, Terminal.PLAIN, Clock.systemUTC());
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @BeforeEach
  void writeConfig() throws Exception {
    StringBuilder yaml = new StringBuilder("""
        environments:
          staging: {vars: {base_url: "http://127.0.0.1:9/staging"}}
          production: {vars: {base_url: "http://127.0.0.1:9/production"}}
        probes:
          - name: gateway-config
            type: gateway-config
            request: {url: "{{base_url}}/v1/account"}
            watch: [$.request_signing]
        """);
    for (int i = 0; i < 12; i++) {
      yaml.append("""
            - name: checkout-%d
              type: checkout
              steps:
                - {name: pay, component: gateway, request: {url: "{{base_url}}/pay"}}
          """.formatted(i));
    }
    Files.writeString(dir.resolve("probes.yaml"), yaml.toString());
  }

  private JsonNode listJson(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("list", "-o", "json"));
    args.addAll(List.of(extra));
    assertThat(execute(args.toArray(String[]::new))).as(err.toString()).isZero();
    return Json.parse(out.toString());
  }

  @Test
  void withoutAShardJsonListsEveryPairAndNoShard() throws Exception {
    JsonNode all = listJson();
    assertThat(all.has("shard")).isFalse();
    assertThat(all.get("probes")).hasSize(26);
    assertThat(all.get("probes").get(0).toString()).isEqualTo("{\"probe\":\"gateway-config\","
        + "\"type\":\"gateway-config\",\"env\":\"staging\",\"interval\":\"1m\","
        + "\"interval_when_failing\":\"1m\",\"timeout\":\"10s\",\"retries\":0,"
        + "\"steps\":[\"gateway-config\"]}");
  }

  @Test
  void threeShardsListEveryCheckoutOnceAndEvidenceWhereItsCheckoutsRun() throws Exception {
    Map<String, Integer> checkouts = new HashMap<>();
    int won = 0;
    for (int i = 0; i < 3; i++) {
      JsonNode shard = listJson("--shard", i + "/3");
      assertThat(shard.get("shard").get("index").asInt()).isEqualTo(i);
      assertThat(shard.get("shard").get("owned_pairs").asInt()).isEqualTo(shard.get("probes").size());
      List<String> envsWithCheckout = new ArrayList<>();
      List<String> evidenceEnvs = new ArrayList<>();
      for (JsonNode pair : shard.get("probes")) {
        String key = pair.get("probe").asText() + "@" + pair.get("env").asText();
        boolean copy = pair.path("evidence_copy").asBoolean(false);
        won += copy ? 0 : 1;
        if (pair.get("type").asText().equals("checkout")) {
          checkouts.merge(key, 1, Integer::sum);
          envsWithCheckout.add(pair.get("env").asText());
          assertThat(copy).as(key).isFalse();
        } else {
          evidenceEnvs.add(pair.get("env").asText());
        }
      }
      assertThat(evidenceEnvs).containsAll(envsWithCheckout);
      assertThat(shard.get("shard").get("pairs_owned_by_others").asInt())
          .isEqualTo(26 - (int) shard.get("probes").findValues("probe").stream().count()
              + (int) shard.get("probes").findValues("evidence_copy").stream().count());
    }
    assertThat(checkouts).hasSize(24).allSatisfy((pair, times) -> assertThat(times).isEqualTo(1));
    assertThat(won).isEqualTo(26);
  }

  @Test
  void theTextListOfAShardSaysWhatTheOthersOwn() {
    environment.put("CARTPROBE_SHARD", "1/2");
    assertThat(execute("list")).isZero();
    assertThat(out.toString()).containsPattern(
        "\nshard 1/2: runs \\d+ pairs \\(evidence for its checkouts included\\); the other"
            + " shards own \\d+ pairs\n");
    assertThat(out.toString()).doesNotContain("ALERT");
  }

  @Test
  void aBadShardIsAUsageError() {
    assertThat(execute("list", "--shard", "2/2")).isEqualTo(2);
    assertThat(err.toString()).contains("--shard: index must be below the count of shards");
    environment.put("HOSTNAME", "laptop");
    assertThat(execute("agent", "--shard", "auto")).isEqualTo(2);
    assertThat(err.toString()).contains("--shard auto: HOSTNAME 'laptop' has no StatefulSet"
        + " ordinal suffix");
  }
}
