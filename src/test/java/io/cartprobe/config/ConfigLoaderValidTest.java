package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.StatusExpectation.Pattern.Class;
import io.cartprobe.config.StatusExpectation.Pattern.Code;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderValidTest {

  @TempDir Path dir;
  CartprobeConfig config;

  @BeforeEach
  void load() throws Exception {
    Files.writeString(dir.resolve("gateway_key"), "sk_live_456\n");
    Files.writeString(dir.resolve("probes.yaml"), Fixtures.FULL);
    config = new ConfigLoader(Fixtures.ENV).load(dir.resolve("probes.yaml"));
  }

  @Test
  void agentWithInterpolatedTypedValues() {
    assertThat(config.agent()).isEqualTo(new AgentConfig("127.0.0.1", 9900, 32,
        Optional.of(Path.of("/var/lib/cartprobe/state.json")), Map.of("location", "eu-west-1"), Optional.of("t0ken"),
        AgentConfig.DEFAULT_EVIDENCE_MIN_INTERVAL, Optional.empty(), Optional.empty()));
    assertThat(config.source()).isEqualTo(dir.resolve("probes.yaml"));
  }

  @Test
  void environmentsWithDefaultsAndFileSecrets() {
    assertThat(config.environments().keySet()).containsExactly("staging", "production");
    Environment staging = config.environments().get("staging");
    assertThat(staging.vars()).containsEntry("base_url", "http://127.0.0.1:8080/staging");
    assertThat(staging.headers()).isEqualTo(Map.of("X-Synthetic-Check", "cartprobe"));
    assertThat(staging.secrets()).isEqualTo(Map.of("gateway_key", "sk_test_123"));
    Environment production = config.environments().get("production");
    assertThat(production.vars()).containsEntry("base_url", "https://shop.example.com");
    assertThat(production.secrets()).isEqualTo(Map.of("gateway_key", "sk_live_456"));
    assertThat(config.allSecretValues()).containsExactly("sk_test_123", "sk_live_456");
  }

  @Test
  void checkoutProbeScheduleAndSteps() {
    CheckoutProbe probe = (CheckoutProbe) config.probe("checkout").orElseThrow();
    assertThat(probe.environments()).containsExactly("staging", "production");
    assertThat(probe.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(probe.intervalWhenFailing()).isEqualTo(Duration.ofSeconds(10));
    assertThat(probe.retries()).isEqualTo(1);
    assertThat(probe.vars()).isEqualTo(Map.of("sku", "DEMO-SKU-1"));
    assertThat(probe.steps()).extracting(Step::name).containsExactly("create_cart", "authorize_payment", "confirm");
    assertThat(probe.steps()).extracting(Step::component)
        .containsExactly("cart-service", "payment-gateway", "unassigned");
    assertThat(probe.cleanup()).extracting(Step::name).containsExactly("cleanup-1", "drop_cart");
    assertThat(probe.cleanup().get(0).expect()).isEqualTo(Expect.defaults());
    assertThat(probe.cleanup().get(1).expect().status().accepted()).containsExactly(new Code(404));
  }

  @Test
  void requestBodies() {
    List<Step> steps = config.probe("checkout").orElseThrow().steps();
    RequestSpec create = steps.get(0).request();
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.url()).isEqualTo("{{base_url}}/api/carts");
    assertThat(create.headers()).isEqualTo(Map.of("Idempotency-Key", "{{uuid}}"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sku", "{{sku}}");
    json.put("quantity", 1);
    json.put("gift", false);
    json.put("note", null);
    json.put("tags", new ArrayList<>(List.of("a", 2)));
    assertThat(create.body()).isEqualTo(new Body.Json(json));
    assertThat(((Body.Json) create.body()).tree()).isInstanceOf(LinkedHashMap.class);
    assertThat(steps.get(1).request().body()).isEqualTo(
        new Body.Form(Map.of("card", "4242424242424242", "key", "{{secret.gateway_key}}")));
    assertThat(steps.get(2).request().method()).isEqualTo("PUT");
    assertThat(steps.get(2).request().body()).isEqualTo(new Body.Raw("id={{order_id}} at {{now_iso}}"));
    assertThat(config.probe("checkout").orElseThrow() instanceof CheckoutProbe c
        && c.cleanup().get(0).request().body() instanceof Body.None).isTrue();
  }

  @Test
  void expectations() {
    Expect expect = config.probe("checkout").orElseThrow().steps().get(0).expect();
    assertThat(expect.status().accepted()).containsExactly(new Code(201));
    assertThat(expect.maxLatency()).contains(Duration.ofMillis(800));
    assertThat(expect.degradedLatency()).contains(Duration.ofMillis(400));
    assertThat(expect.headers()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("Content-Type");
      assertThat(h.value().pattern()).isEqualTo("application/json.*");
    });
    assertThat(expect.body()).hasSize(4);
    assertThat(expect.body().get(0)).isEqualTo(new BodyCheck.Contains("cart"));
    assertThat(expect.body().subList(1, 3))
        .containsExactly(new BodyCheck.NotContains("error"), new BodyCheck.NotContains("fail"));
    assertThat(((BodyCheck.Matches) expect.body().get(3)).regex().pattern()).isEqualTo("\\d+");
    assertThat(config.probe("checkout").orElseThrow().steps().get(1).expect().status().accepted())
        .containsExactly(new Code(200), new Class(2), new Code(301));
    assertThat(config.probe("checkout").orElseThrow().steps().get(2).expect()).isEqualTo(Expect.defaults());
  }

  @Test
  void jsonChecksKeepYamlTypes() {
    List<JsonAssertion> json = config.probe("checkout").orElseThrow().steps().get(0).expect().json();
    assertThat(json).extracting(JsonAssertion::path).containsExactly(
        "$.id", "$.currency", "$.total", "$.count", "$.ratio", "$.ok", "$.nothing", "$.items", "$.state");
    assertThat(json.get(0).checks()).containsExactly(new JsonCheck.Exists(true));
    assertThat(json.get(0).compiled().getPath()).isEqualTo("$['id']");
    assertThat(json.get(1).checks()).containsExactly(new JsonCheck.Equals("USD"));
    assertThat(json.get(2).checks()).containsExactly(
        new JsonCheck.Compare(JsonCheck.Comparison.GT, new BigDecimal("0")),
        new JsonCheck.Compare(JsonCheck.Comparison.LTE, new BigDecimal("1000.5")));
    assertThat(json.get(3).checks()).containsExactly(new JsonCheck.Equals(3));
    assertThat(json.get(4).checks()).containsExactly(new JsonCheck.Equals(0.5));
    assertThat(json.get(5).checks()).containsExactly(new JsonCheck.Equals(true));
    assertThat(json.get(6).checks()).containsExactly(new JsonCheck.Equals(null));
    assertThat(json.get(7).checks()).containsExactly(new JsonCheck.Length(1),
        new JsonCheck.Contains("DEMO-SKU-1"), new JsonCheck.In(List.of(1, "two", 3.5)));
    List<JsonCheck> state = json.get(8).checks();
    assertThat(((JsonCheck.Matches) state.get(0)).regex().pattern()).isEqualTo("open|new");
    assertThat(state.subList(1, 3)).containsExactly(new JsonCheck.NotEquals("closed"), new JsonCheck.Equals(7));
  }

  @Test
  void extractionsAndClassifiers() {
    Step create = config.probe("checkout").orElseThrow().steps().get(0);
    assertThat(create.extract().keySet()).containsExactly("cart_id", "session", "trace", "token");
    assertThat(create.extract().get("cart_id").source()).isInstanceOfSatisfying(Extraction.Source.Json.class,
        j -> assertThat(j.spec()).isEqualTo("$['id']"));
    assertThat(create.extract().get("cart_id").secret()).isFalse();
    assertThat(create.extract().get("session")).isEqualTo(new Extraction(new Extraction.Source.Cookie("SESSION"), true));
    assertThat(create.extract().get("trace")).isEqualTo(new Extraction(new Extraction.Source.Header("X-Trace-Id"), false));
    assertThat(create.extract().get("token").source().spec()).isEqualTo("regex:token=(\\w+)");
    assertThat(create.classify()).extracting(Classifier::as).containsExactly("gateway_rejected", "maintenance");
    Expect when = create.classify().get(0).when();
    assertThat(when.status().accepted()).containsExactly(new Code(400), new Code(402));
    assertThat(when.json().getFirst().checks()).containsExactly(new JsonCheck.Equals("invalid_request_error"));
    // a classifier without status matches any status, not only 2xx
    assertThat(create.classify().get(1).when().status().matches(503)).isTrue();
  }

  @Test
  void gatewayConfigProbeIsOneStepNamedAfterIt() {
    GatewayConfigProbe probe = (GatewayConfigProbe) config.probe("gateway-config").orElseThrow();
    assertThat(probe.environments()).containsExactly("staging", "production");
    assertThat(probe.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(probe.intervalWhenFailing()).isEqualTo(Duration.ofMinutes(1));
    assertThat(probe.retries()).isZero();
    Step check = probe.check();
    assertThat(check.name()).isEqualTo("gateway-config");
    assertThat(check.component()).isEqualTo("payment-gateway");
    assertThat(check.extract()).isEmpty();
    assertThat(check.classify()).isEmpty();
    assertThat(check.request().method()).isEqualTo("GET");
    assertThat(check.request().headers()).containsEntry("Authorization", "Bearer {{secret.gateway_key}}");
    assertThat(check.expect().certValidFor()).contains(Duration.ofDays(14));
    assertThat(check.expect().json().get(1).checks()).containsExactly(new JsonCheck.Equals("2024-04-10"));
    assertThat(probe.watch()).containsExactly("$.api_version", "$.merchant.currencies", "$.webhook_url");
    assertThat(probe.steps()).containsExactly(check);
  }

  @Test
  void alerts() {
    assertThat(config.alerts()).extracting(AlertRule::name)
        .containsExactly("checkout-failing", "gateway-config-failing", "slow", "changed", "cert");
    AlertRule first = config.alerts().get(0);
    assertThat(first).isEqualTo(new AlertRule("checkout-failing", List.of("checkout"), List.of("production"),
        new AlertCondition.ConsecutiveFailures(3), 2, List.of("gateway-config-failing"), "critical",
        Optional.of(Duration.ofHours(1)), Optional.of("https://wiki.example.com/runbooks/checkout"), List.of("oncall")));
    AlertRule second = config.alerts().get(1);
    assertThat(second.when()).isEqualTo(new AlertCondition.FailureRatio(0.2, Duration.ofMinutes(5), 5));
    assertThat(second.probes()).isEmpty();
    assertThat(second.severity()).isEqualTo("warning");
    assertThat(second.resolveAfter()).isEqualTo(1);
    assertThat(second.repeat()).isEmpty();
    assertThat(second.webhooks()).containsExactly("oncall", "chat");
    assertThat(config.alerts().subList(2, 5)).extracting(AlertRule::when).containsExactly(
        new AlertCondition.LatencyP95(Duration.ofSeconds(2), Duration.ofMinutes(10)),
        new AlertCondition.ConfigChangedWithin(Duration.ofMinutes(30)),
        new AlertCondition.CertExpiresWithin(Duration.ofDays(14)));
  }

  @Test
  void silences() {
    assertThat(config.silences()).containsExactly(
        new Silence(List.of("checkout"), List.of("staging"), Instant.parse("2026-12-01T22:00:00Z"),
            Instant.parse("2026-12-01T23:30:00Z"), "deploy"),
        new Silence(List.of(), List.of(), Instant.parse("2026-12-23T23:00:00Z"),
            Instant.parse("2026-12-26T23:00:00Z"), ""));
  }

  @Test
  void webhooks() {
    assertThat(config.webhooks()).containsExactly(
        new Webhook("oncall", List.of("https://hooks.example.com/oncall"), WebhookFormat.ALERTMANAGER,
            Optional.of("whsec_c2VjcmV0LWtleQ=="), true, Duration.ofSeconds(5), Map.of()),
        new Webhook("chat", List.of("http://am-0.example.com:9093", "http://am-1.example.com:9093"),
            WebhookFormat.ALERTMANAGER_API, Optional.empty(), false, Duration.ofSeconds(5), Map.of("X-Team", "sre")));
  }

  @Test
  void aBurnRateAlertWatchesItsSlosProbesAndEnvironmentsWithItsBudget() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", """
        environments:
          staging: {vars: {base_url: "http://x"}}
          production: {vars: {base_url: "http://x"}}
        probes:
          - {name: p, type: gateway-config, request: {url: "http://x"}}
          - {name: q, type: gateway-config, request: {url: "http://x"}}
        alerts:
          - name: budget-burn
            slos: [availability]
            when: {burn_rate: 14.4, long_window: 1h, short_window: 5m}
        slos:
          - {name: availability, probes: [q], environments: [production], objective: 99.5, degraded_is_bad: true}
        """, dir);
    assertThat(config.alerts()).singleElement().satisfies(a -> {
      assertThat(a.probes()).containsExactly("q");
      assertThat(a.environments()).containsExactly("production");
      assertThat(a.when()).isEqualTo(new AlertCondition.BurnRate(14.4, Duration.ofHours(1),
          Duration.ofMinutes(5), "availability", config.slos().getFirst().errorBudget(), true));
    });
  }

  @Test
  void aPagerDutyWebhookTakesItsRoutingKeyFromTheEnvironmentAndDefaultsItsUrl() throws Exception {
    String key = "0123456789abcdef0123456789abcdef";
    CartprobeConfig pd = new ConfigLoader(Map.of("PD_KEY", key)).parse("probes.yaml", """
        environments:
          only: {vars: {base_url: "http://x"}}
        probes:
          - {name: p, type: gateway-config, request: {url: "http://x"}}
        webhooks:
          - {name: pd, format: pagerduty, routing_key: "${PD_KEY}"}
        """, dir);
    assertThat(pd.webhooks()).singleElement().satisfies(w -> {
      assertThat(w.format()).isEqualTo(WebhookFormat.PAGERDUTY);
      assertThat(w.urls()).containsExactly("https://events.pagerduty.com/v2/enqueue");
      assertThat(w.routingKey()).contains(key);
      assertThat(w.toString()).doesNotContain(key);
    });
  }

  @Test
  void minimalFileGetsEveryDefault() throws Exception {
    CartprobeConfig minimal = new ConfigLoader(Map.of()).parse("probes.yaml", """
        environments:
          only: {vars: {base_url: "http://x"}}
        probes:
          - name: p
            type: checkout
            steps:
              - name: s
                request: {url: "{{base_url}}/"}
        """, dir);
    assertThat(minimal.agent()).isEqualTo(AgentConfig.defaults());
    ProbeConfig p = minimal.probes().getFirst();
    assertThat(p.environments()).containsExactly("only");
    assertThat(p.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.intervalWhenFailing()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.steps().getFirst().request()).isEqualTo(new RequestSpec("GET", "{{base_url}}/", Map.of(), new Body.None()));
    assertThat(p.steps().getFirst().expect()).isEqualTo(Expect.defaults());
    assertThat(minimal.alerts()).isEmpty();
    assertThat(minimal.silences()).isEmpty();
    assertThat(minimal.webhooks()).isEmpty();
  }

  @Test
  void interpolationEdgeCases() throws Exception {
    CartprobeConfig c = new ConfigLoader(Map.of("EMPTY", "", "PORT", "7000")).parse("probes.yaml", """
        agent:
          listen: "[::1]:${PORT}"
          admin_token: "$${literal} ${EMPTY:-fallback} ${EMPTY}"
        environments:
          e: {}
        probes:
          - {name: p, type: gateway-config, request: {url: "http://x/{{env_name}}/{{probe_name}}"}}
        """, dir);
    assertThat(c.agent().listenHost()).isEqualTo("::1");
    assertThat(c.agent().listenPort()).isEqualTo(7000);
    assertThat(c.agent().adminToken()).contains("${literal} fallback ");
  }

  @Test
  void aliasesAndMergeKeys() throws Exception {
    CartprobeConfig c = new ConfigLoader(Map.of()).parse("probes.yaml", """
        environments:
          a: &env {vars: {base_url: "http://a"}}
          b: *env
        probes:
          - &base {name: one, type: gateway-config, interval: 5m, request: {url: "{{base_url}}"}}
          - <<: *base
            name: two
        """, dir);
    assertThat(c.probes()).extracting(ProbeConfig::name).containsExactly("one", "two");
    assertThat(c.probes().get(1).interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.environments().get("b").vars()).containsEntry("base_url", "http://a");
  }

  @Test
  void unreadableFileIsOneErrorAtTheStart() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
            new ConfigError(missing.toString(), 1, 1, "cannot read config file: no such file")));
  }

  @Test
  void binaryFileIsRejected() throws Exception {
    Path junk = dir.resolve("junk.yaml");
    byte[] bytes = new byte[256];
    Arrays.fill(bytes, (byte) 0xC3);
    Files.write(junk, bytes);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(junk))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
            new ConfigError(junk.toString(), 1, 1, "cannot read config file: not UTF-8 text")));
  }
}
