package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The top-level probes.yaml must stay in step with the demo it is written against. */
class ProbesYamlTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return (Map<String, Object>) node;
  }

  private static Map<String, Object> load() throws IOException {
    return new Yaml().load(Files.readString(Path.of("probes.yaml")));
  }

  @Test
  void environmentsPointAtTheDemoWithItsKeys() throws IOException {
    var environments = map(load().get("environments"));
    assertThat(environments).containsOnlyKeys(
        DemoEnvironment.ALL.stream().map(DemoEnvironment::name).toArray(String[]::new));
    for (var demoEnv : DemoEnvironment.ALL) {
      var env = map(environments.get(demoEnv.name()));
      var vars = map(env.get("vars"));
      assertThat(vars.get("base_url"))
          .isEqualTo("${CARTPROBE_DEMO_URL:-http://127.0.0.1:8080}/" + demoEnv.name());
      assertThat(vars.get("gateway_url")).isEqualTo("${CARTPROBE_DEMO_URL:-http://127.0.0.1:8080}/gateway");
      assertThat((String) map(env.get("secrets")).get("gateway_key"))
          .endsWith(":-" + demoEnv.gatewayKey() + "}");
    }
  }

  @Test
  void gatewayConfigProbeExpectsTheHealthyAccount() throws IOException {
    @SuppressWarnings("unchecked")
    var probes = (List<Object>) load().get("probes");
    var gatewayConfig = probes.stream().map(ProbesYamlTest::map)
        .filter(p -> "gateway-config".equals(p.get("name"))).findFirst().orElseThrow();
    var json = map(map(gatewayConfig.get("expect")).get("json"));
    assertThat(json.get("$.api_version")).isEqualTo(PaymentGateway.API_VERSION);
    assertThat(json.get("$.request_signing")).isEqualTo(Signatures.HMAC_SHA256);
    assertThat(json.get("$.charges_enabled")).isEqualTo(true);
  }

  @Test
  void usesOnlyTheKeysOfTheDesign() throws IOException {
    var root = load();
    assertThat(root).containsOnlyKeys("agent", "environments", "probes", "alerts", "silences", "webhooks",
        "slos");
    assertThat(map(root.get("agent")).keySet()).isSubsetOf(
        "listen", "max_concurrency", "state_file", "labels", "admin_token");
    @SuppressWarnings("unchecked")
    var probes = (List<Map<String, Object>>) root.get("probes");
    for (var probe : probes) {
      assertThat(probe.keySet()).isSubsetOf("name", "type", "environments", "interval", "timeout",
          "interval_when_failing", "retries", "vars", "matrix", "steps", "cleanup", "request",
          "expect", "component", "watch", "components");
      @SuppressWarnings("unchecked")
      var steps = (List<Map<String, Object>>) probe.getOrDefault("steps", List.of());
      for (var step : steps) {
        assertThat(step.keySet()).isSubsetOf("name", "component", "request", "browser", "expect",
            "extract", "classify");
        assertThat(step.containsKey("request")).as("a step is a request or a browser page: " + step)
            .isNotEqualTo(step.containsKey("browser"));
        assertThat(map(step.getOrDefault("request", Map.of())).keySet())
            .isSubsetOf("method", "url", "headers", "json", "form", "body");
        if (step.get("expect") != null) {
          assertThat(map(step.get("expect")).keySet()).isSubsetOf(
              "status", "max_latency", "degraded_latency", "headers", "body", "json", "cert_valid_for");
        }
      }
    }
    @SuppressWarnings("unchecked")
    var alerts = (List<Map<String, Object>>) root.get("alerts");
    for (var alert : alerts) {
      assertThat(alert.keySet()).isSubsetOf("name", "probes", "environments", "when", "resolve_after",
          "inhibited_by", "severity", "repeat", "runbook", "notify");
    }
    @SuppressWarnings("unchecked")
    var webhooks = (List<Map<String, Object>>) root.get("webhooks");
    for (var webhook : webhooks) {
      assertThat(webhook.keySet()).isSubsetOf(
          "name", "url", "format", "hmac_secret", "send_resolved", "timeout", "headers");
    }
  }

  @Test
  void theTestsCopyDiffersOnlyInLatencyBudgetsTimeoutsAndTheAgentsPort() throws Exception {
    var original = load();
    var relaxed = new Yaml().<Map<String, Object>>load(DemoProbesYaml.relaxed().text());
    var differences = new java.util.ArrayList<String>();
    diff("", original, relaxed, differences);

    assertThat(differences).isNotEmpty().allSatisfy(path -> assertThat(path).matches(
        "agent\\.listen|probes\\[\\d+]\\.timeout|probes\\[\\d+](\\.steps\\[\\d+])?\\.expect\\.(max|degraded)_latency"));
    assertThat(differences).contains("probes[0].steps[0].expect.max_latency", "probes[0].timeout");
    new io.cartprobe.config.ConfigLoader(Map.of()).parse("probes.yaml", DemoProbesYaml.relaxed().text(),
        Path.of("."));
  }

  @Test
  void webhooksGoToTheDemosReceiver() throws IOException {
    @SuppressWarnings("unchecked")
    var webhooks = (List<Map<String, Object>>) load().get("webhooks");
    assertThat(webhooks).allSatisfy(w -> assertThat(w.get("url"))
        .isEqualTo("${CARTPROBE_DEMO_URL:-http://127.0.0.1:8080}/demo/webhooks/" + w.get("name")));
  }

  /** Paths at which two YAML trees differ (an absent key counts). */
  private static void diff(String path, Object a, Object b, List<String> out) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      var keys = new java.util.LinkedHashSet<Object>(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object key : keys) {
        diff(path.isEmpty() ? key.toString() : path + "." + key, ma.get(key), mb.get(key), out);
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        diff(path + "[" + i + "]", la.get(i), lb.get(i), out);
      }
    } else if (!java.util.Objects.equals(a, b)) {
      out.add(path);
    }
  }
}
