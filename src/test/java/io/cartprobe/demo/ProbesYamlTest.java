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
          "interval_when_failing", "retries", "vars", "steps", "cleanup", "request", "expect",
          "component", "watch");
      @SuppressWarnings("unchecked")
      var steps = (List<Map<String, Object>>) probe.getOrDefault("steps", List.of());
      for (var step : steps) {
        assertThat(step.keySet()).isSubsetOf("name", "component", "request", "expect", "extract", "classify");
        assertThat(map(step.get("request")).keySet())
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
}
