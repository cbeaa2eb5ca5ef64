package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus rules in deploy/ use only metrics the real agent
 * exports: names collected from a live /metrics of `cartprobe agent` against the demo, after a
 * pass and a failure, plus the few that appear only after an event that the demo run does not
 * cause (the allowlist below, each of which must be in docs/design.md's metrics table).
 */
class DashboardAndRulesMetricsIT {

  /**
   * Documented metrics whose series exist only after an event: the agent creates them on the
   * first observation, so a short healthy run against the demo does not show them.
   */
  static final Set<String> AFTER_AN_EVENT = Set.of(
      "cartprobe_gateway_config_changes_total",                 // a watched gateway field changed
      "cartprobe_gateway_config_last_change_timestamp_seconds", // ditto
      "cartprobe_tls_cert_expiry_timestamp_seconds",            // an https step (the demo is http)
      "cartprobe_alert_firing",                                 // an alert instance was evaluated
      "cartprobe_webhook_deliveries_total",                     // a webhook delivery was attempted
      "cartprobe_probe_skipped_total");                         // a run was skipped (overlap, concurrency)

  /** Series Prometheus makes itself for every target. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static JarProcess demo;
  private static JarProcess agent;
  private static Set<String> exported;
  /** Label names of each live series name (the agent's own labels included). */
  private static final Map<String, Set<String>> LABELS = new java.util.TreeMap<>();
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

  @BeforeAll
  static void scrapeALiveAgent() throws Exception {
    demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
    String demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);
    Path config = dir.resolve("probes.yaml");
    Files.writeString(config, """
        agent:
          listen: 127.0.0.1:0
          labels: {location: dashboard-it}
        environments:
          production:
            vars: {base_url: %1$s/production, gateway_url: %1$s/gateway}
            secrets: {gateway_key: sk_live_demo_production}
        probes:
          - name: checkout
            type: checkout
            interval: 1s
            timeout: 30s
            steps:
              - name: create_cart
                request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
                expect: {status: 201}
                extract: {cart_id: $.id}
              - name: authorize_payment
                request: {method: POST, url: "{{base_url}}/api/carts/{{cart_id}}/payment", json: {card: "4242424242424242"}}
                expect: {status: 200}
            cleanup:
              - request: {method: POST, url: "{{base_url}}/api/orders/none/void"}
          - name: gateway-config
            type: gateway-config
            interval: 1s
            timeout: 30s
            request:
              url: "{{gateway_url}}/v1/account/config"
              headers: {Authorization: "Bearer {{secret.gateway_key}}"}
            expect: {json: {$.request_signing: hmac-sha256}}
            watch: [$.request_signing, $.api_version]
        alerts:
          - name: checkout-failing
            probes: [checkout]
            when: {consecutive_failures: 1}
        """.formatted(demoUrl));
    agent = JarProcess.start(Map.of(), "agent", "-c", config.toString());
    String agentUrl = agent.awaitUrl(JarProcess.AGENT_URL);

    // a pass, then a failure (failure counters appear), then healthy again
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(agentUrl + "/metrics").contains("cartprobe_probe_success{env=\"production\",location=\"dashboard-it\",probe=\"checkout\"} 1"));
    send("POST", demoUrl + "/demo/faults/gateway-config");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(agentUrl + "/metrics").contains("cartprobe_probe_failures_total{"));
    send("DELETE", demoUrl + "/demo/faults/gateway-config");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(agentUrl + "/metrics").contains("cartprobe_probe_success{env=\"production\",location=\"dashboard-it\",probe=\"checkout\"} 1"));

    exported = get(agentUrl + "/metrics").lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
    get(agentUrl + "/metrics").lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> {
          String[] parts = l.split("\\{", 2);
          Set<String> names = LABELS.computeIfAbsent(parts[0].split(" ")[0], k -> new TreeSet<>());
          if (parts.length == 2) {
            Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(
                parts[1].replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""));
            while (m.find()) {
              names.add(m.group(1));
            }
          }
        });
  }

  /** A selector on a label the series lacks matches nothing: the panel stays empty forever. */
  @Test
  void theDashboardFiltersOnlyOnLabelsTheSeriesHave() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(
        JarProcess.projectDir().resolve("deploy/grafana/cartprobe-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    collectQueries(dashboard, queries);
    int checked = 0;
    for (String query : queries) {
      Matcher selector = SELECTOR.matcher(query.replaceAll("\\[[^]]*]", "[]"));
      while (selector.find()) {
        String metric = selector.group(1);
        if (!LABELS.containsKey(metric)) {
          continue; // a series that appears only after an event; its name is checked above
        }
        Matcher matcher = MATCHER.matcher(selector.group(2).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\""));
        while (matcher.find()) {
          checked++;
          assertThat(LABELS.get(metric)).as("labels of %s (filtered in `%s`)", metric, query)
              .contains(matcher.group(1));
        }
      }
    }
    assertThat(checked).isGreaterThan(10);
    assertThat(LABELS.get("cartprobe_scheduler_lag_seconds_bucket")).contains("location", "le")
        .doesNotContain("probe", "env");
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theAllowlistIsDocumentedAndTheLiveScrapeIsReal() throws Exception {
    String design = Files.readString(JarProcess.projectDir().resolve("docs/design.md"));
    String metricsTable = design.substring(design.indexOf("## Metrics"), design.indexOf("## Alerts and webhooks"));
    for (String name : AFTER_AN_EVENT) {
      assertThat(metricsTable).as("%s is in design.md's metrics table", name).containsPattern("`" + name + "[`{]");
    }
    assertThat(exported).contains("cartprobe_probe_success", "cartprobe_probe_failures_total",
        "cartprobe_step_duration_seconds_bucket", "cartprobe_agent_heartbeat_timestamp_seconds");
  }

  @Test
  void theDashboardQueriesOnlyExportedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(
        JarProcess.projectDir().resolve("deploy/grafana/cartprobe-dashboard.json").toFile());
    List<String> queries = new ArrayList<>();
    collectQueries(dashboard, queries);
    assertThat(queries).hasSizeGreaterThan(10);
    assertOnlyKnownMetrics("deploy/grafana/cartprobe-dashboard.json", queries);
    // the panels the issue asks for
    String all = String.join("\n", queries);
    assertThat(all).contains("cartprobe_probe_success", "cartprobe_step_duration_seconds_bucket",
        "cartprobe_probe_failures_total", "cartprobe_gateway_config_last_change_timestamp_seconds",
        "cartprobe_alert_firing");
  }

  @Test
  void theRulesQueryOnlyExportedMetrics() throws Exception {
    List<String> exprs = new ArrayList<>();
    for (Object group : list(map(new Yaml().load(Files.readString(
        JarProcess.projectDir().resolve("deploy/prometheus/cartprobe-rules.yml")))).get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        exprs.add((String) map(rule).get("expr"));
      }
    }
    assertOnlyKnownMetrics("deploy/prometheus/cartprobe-rules.yml", exprs);
  }

  private void assertOnlyKnownMetrics(String file, List<String> queries) throws Exception {
    Set<String> recorded = recordedNames();
    for (String query : queries) {
      for (String name : metricNames(query)) {
        if (name.contains(":")) {
          assertThat(recorded).as("%s: %s in `%s` is a recording rule of deploy/prometheus", file, name, query)
              .contains(name);
        } else if (!PROMETHEUS_OWN.contains(name)) {
          assertThat(name).as("%s: metric name in `%s`", file, query).startsWith("cartprobe_");
          assertThat(exported.contains(name) || AFTER_AN_EVENT.contains(name))
              .as("%s: %s in `%s` is exported by the agent (live: %s)", file, name, query, exported)
              .isTrue();
        }
      }
    }
  }

  /** Metric names in a PromQL expression: identifiers outside strings, label matchers and ranges. */
  static Set<String> metricNames(String promql) {
    String s = promql.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", "{}")
        .replaceAll("\\[[^]]*]", "[]")
        .replaceAll("\\$\\w+", "")
        // label lists of by/without/on/ignoring/group_left/group_right
        .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String id = m.group();
      int after = m.end();
      while (after < s.length() && s.charAt(after) == ' ') {
        after++;
      }
      boolean call = after < s.length() && s.charAt(after) == '(';
      if (!call && (id.startsWith("cartprobe_") || id.contains(":") || PROMETHEUS_OWN.contains(id))) {
        names.add(id);
      }
    }
    return names;
  }

  @Test
  void metricNamesAreFoundInPromql() {
    assertThat(metricNames("histogram_quantile(0.95, sum by (probe, le) (rate(cartprobe_step_duration_seconds_bucket{env=~\"$env\",step=\"x{y}\"}[$__rate_interval])))"))
        .containsExactly("cartprobe_step_duration_seconds_bucket");
    assertThat(metricNames("time() - cartprobe_a > 60 and on (x) probe_env:cartprobe_b:rate5m unless absent(up)"))
        .containsExactly("cartprobe_a", "probe_env:cartprobe_b:rate5m", "up");
  }

  private static Set<String> recordedNames() throws Exception {
    Set<String> names = new TreeSet<>();
    for (Object group : list(map(new Yaml().load(Files.readString(
        JarProcess.projectDir().resolve("deploy/prometheus/cartprobe-rules.yml")))).get("groups"))) {
      for (Object rule : list(map(group).get("rules"))) {
        Object record = map(rule).get("record");
        if (record != null) {
          names.add((String) record);
        }
      }
    }
    return names;
  }

  /** Every PromQL string of a dashboard: panel targets, annotation queries, template variables. */
  private static void collectQueries(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if ((e.getKey().equals("expr") || e.getKey().equals("query")) && e.getValue().isTextual()) {
          String q = e.getValue().asText();
          Matcher labelValues = Pattern.compile("label_values\\((.*),\\s*\\w+\\)").matcher(q);
          if (labelValues.matches()) {
            out.add(labelValues.group(1));
          } else if (!q.equals("prometheus")) { // the datasource variable's plugin type
            out.add(q);
          }
        } else {
          collectQueries(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectQueries(n, out));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }


  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain").build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void send(String method, String url) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
