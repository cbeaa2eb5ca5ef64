package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mistake, with the exact messages `cartprobe validate` prints for it. */
class ConfigLoaderErrorsTest {

  @TempDir static Path dir;

  /** Most cases differ only in one probe; this header gives them environments (lines 1-4). */
  private static final String ENVS = """
      environments:
        staging: {vars: {base_url: "http://s"}, secrets: {key: a}}
        production: {vars: {base_url: "http://p"}}
      probes:
      """;

  static List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new ConfigLoader(Map.of("SET", "x")).parse("probes.yaml", yaml, dir));
    assertThat(e).as("expected the file to be rejected").isNotNull();
    return e.errors().stream().map(ConfigError::format).toList();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        row("yaml syntax error", """
            probes:
              - name: a
               type: b
            """, "probes.yaml:3:4: expected <block end>, but found '<block mapping start>' (while parsing a block collection)"),
        row("empty file", "",
            "probes.yaml:1:1: no environments defined",
            "probes.yaml:1:1: no probes defined"),
        row("file is a list", "- a\n- b\n", "probes.yaml:1:1: expected a map, found a list"),
        row("unknown key with suggestion", ENVS + """
              - name: p
                type: gateway-config
                intreval: 30s
                request: {url: "http://x"}
            """, "probes.yaml:7:5: probes[0].intreval: unknown key (did you mean 'interval'?)"),
        row("unknown key without suggestion", """
            agent: {colour: blue}
            """ + ENVS.replace("probes:\n", "") + """
            probes: [{name: p, type: gateway-config, request: {url: "http://x"}}]
            """, "probes.yaml:1:9: agent.colour: unknown key (expected one of: listen, max_concurrency, state_file, labels, admin_token, evidence_min_interval, probe_token, otlp, max_browsers, artifacts_dir, artifacts_max_mb, external_url)"),
        row("duplicate key", ENVS + """
              - name: p
                type: gateway-config
                interval: 30s
                interval: 1m
                request: {url: "http://x"}
            """, "probes.yaml:8:5: probes[0].interval: duplicate key (first defined at line 7)"),
        row("bad duration", ENVS + """
              - {name: p, type: gateway-config, interval: abc, request: {url: "http://x"}}
            """, "probes.yaml:5:47: probes[0].interval: expected a duration like 250ms, 30s, 5m, 1h or 14d, found \"abc\""),
        row("zero duration", ENVS + """
              - {name: p, type: gateway-config, timeout: 0s, request: {url: "http://x"}}
            """, "probes.yaml:5:46: probes[0].timeout: must be greater than 0, found \"0s\""),
        row("not an integer", ENVS + """
              - {name: p, type: gateway-config, retries: x, request: {url: "http://x"}}
            """, "probes.yaml:5:46: probes[0].retries: expected an integer, found \"x\""),
        row("integer out of range", ENVS + """
              - {name: p, type: gateway-config, retries: 7, request: {url: "http://x"}}
            """, "probes.yaml:5:46: probes[0].retries: must be between 0 and 5, found 7"),
        row("map expected", ENVS + """
              - {name: p, type: gateway-config, request: [http://x]}
            """, "probes.yaml:5:46: probes[0].request: expected a map, found a list"),
        row("duplicate probe name", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
              - {name: p, type: gateway-config, request: {url: "http://y"}}
            """, "probes.yaml:6:12: probes[1].name: duplicate probe name 'p' (first defined at line 5)"),
        row("bad probe name", ENVS + """
              - {name: "my probe", type: gateway-config, request: {url: "http://x"}}
            """, "probes.yaml:5:12: probes[0].name: invalid probe name \"my probe\" (use letters, digits, '_', '.' and '-')"),
        row("unknown probe type", ENVS + """
              - {name: p, type: http, request: {url: "http://x"}}
            """, "probes.yaml:5:21: probes[0].type: unknown probe type 'http' (expected checkout, gateway-config or provider-status)"),
        row("key of the other probe type", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, steps: []}
            """, "probes.yaml:5:65: probes[0].steps: only allowed in checkout probes"),
        row("unknown environment, nothing close", ENVS + """
              - {name: p, type: gateway-config, environments: [prod], request: {url: "http://x"}}
            """, "probes.yaml:5:52: probes[0].environments[0]: unknown environment 'prod' (defined: staging, production)"),
        row("unknown environment, close", ENVS + """
              - {name: p, type: gateway-config, environments: [stagign], request: {url: "http://x"}}
            """, "probes.yaml:5:52: probes[0].environments[0]: unknown environment 'stagign' (did you mean 'staging'?)"),
        row("missing required key", ENVS + """
              - name: p
                type: checkout
                steps:
                  - name: s
                    request: {method: POST}
            """, "probes.yaml:9:18: probes[0].steps[0].request: missing required key 'url'"),
        row("no steps", ENVS + """
              - {name: p, type: checkout, steps: []}
            """, "probes.yaml:5:38: probes[0].steps: expected at least one step"),
        row("duplicate step name", ENVS + """
              - name: p
                type: checkout
                steps:
                  - {name: s, request: {url: "http://x"}}
                  - {name: s, request: {url: "http://x"}}
            """, "probes.yaml:9:16: probes[0].steps[1].name: duplicate step name 's' (first defined at line 8)"),
        row("bad method", ENVS + """
              - {name: p, type: gateway-config, request: {method: post, url: "http://x"}}
            """, "probes.yaml:5:55: probes[0].request.method: unknown method 'post' (did you mean 'POST'?)"),
        row("url not http", ENVS + """
              - {name: p, type: gateway-config, request: {url: "ftp://x"}}
            """, "probes.yaml:5:52: probes[0].request.url: expected an http:// or https:// URL, found \"ftp://x\""),
        row("two bodies", ENVS + """
              - name: p
                type: gateway-config
                request:
                  url: "http://x"
                  json: {a: 1}
                  body: text
            """, "probes.yaml:10:7: probes[0].request.body: only one of json, form, body may be set"),
        row("bad status forms", ENVS + """
              - name: p
                type: gateway-config
                request: {url: "http://x"}
                expect: {status: [200, 6xx, 42, {a: 1}]}
            """,
            "probes.yaml:8:28: probes[0].expect.status[1]: expected a status like 200 or \"2xx\", found \"6xx\"",
            "probes.yaml:8:33: probes[0].expect.status[2]: status code must be between 100 and 599, found 42",
            "probes.yaml:8:37: probes[0].expect.status[3]: expected a status like 200 or \"2xx\", found a map"),
        row("status scalar", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {status: ok}}
            """, "probes.yaml:5:82: probes[0].expect.status: expected a status like 200, \"2xx\" or [200, 201], found \"ok\""),
        row("degraded not below max", ENVS + """
              - name: p
                type: gateway-config
                request: {url: "http://x"}
                expect: {max_latency: 400ms, degraded_latency: 1s}
            """, "probes.yaml:8:52: probes[0].expect.degraded_latency: must be less than max_latency (400ms)"),
        row("invalid jsonpath", ENVS + """
              - name: p
                type: gateway-config
                request: {url: "http://x"}
                expect:
                  json: {"$.[": 1, total: 2}
            """,
            "probes.yaml:9:21: probes[0].expect.json.$.[: invalid JSONPath '$.[': unexpected end of path",
            "probes.yaml:9:31: probes[0].expect.json.total: invalid JSONPath 'total': must start with '$'"),
        row("unknown json check", ENVS + """
              - name: p
                type: gateway-config
                request: {url: "http://x"}
                expect:
                  json:
                    $.total: {gtt: 0, exists: maybe}
            """,
            "probes.yaml:10:19: probes[0].expect.json.$.total.gtt: unknown check (did you mean 'gt'?)",
            "probes.yaml:10:35: probes[0].expect.json.$.total.exists: expected true or false, found \"maybe\""),
        row("invalid regex", ENVS + """
              - name: p
                type: gateway-config
                request: {url: "http://x"}
                expect: {headers: {Content-Type: "("}}
            """, "probes.yaml:8:38: probes[0].expect.headers.Content-Type: invalid regex '(': missing closing )"),
        row("bad extraction source", ENVS + """
              - name: p
                type: checkout
                steps:
                  - name: s
                    request: {url: "http://x"}
                    extract: {id: "json:id", h: "header:", x: {from: $.x, secret: maybe}}
            """,
            "probes.yaml:10:23: probes[0].steps[0].extract.id: expected a source like $.id, header:NAME, cookie:NAME or regex:PATTERN, found \"json:id\"",
            "probes.yaml:10:37: probes[0].steps[0].extract.h: expected a source like $.id, header:NAME, cookie:NAME or regex:PATTERN, found \"header:\"",
            "probes.yaml:10:71: probes[0].steps[0].extract.x.secret: expected true or false, found \"maybe\""),
        row("unknown template variable", ENVS + """
              - name: p
                type: checkout
                steps:
                  - name: create
                    request: {url: "{{base_url}}/carts"}
                    extract: {cart_id: $.id}
                  - name: pay
                    request: {url: "{{base_url}}/carts/{{cart_idd}}"}
            """, "probes.yaml:12:24: probes[0].steps[1].request.url: unknown template variable 'cart_idd' (did you mean 'cart_id'?); known here: cart_id, base_url, uuid, now_unix, now_iso, random_int, env_name, probe_name"),
        row("template from a later step, secret missing in one environment", ENVS + """
              - name: p
                type: checkout
                steps:
                  - name: create
                    request: {url: "{{base_url}}/{{order_id}}", headers: {Auth: "{{secret.key}}"}}
                  - name: pay
                    request: {url: "{{base_url}}/pay"}
                    extract: {order_id: $.id}
                cleanup:
                  - request: {url: "{{base_url}}/{{order_id}}/{{nope}}"}
            """,
            "probes.yaml:9:24: probes[0].steps[0].request.url: unknown template variable 'order_id' (it is extracted by step 'pay', which has not run yet)",
            "probes.yaml:9:69: probes[0].steps[0].request.headers.Auth: template variable 'secret.key' is not defined in environment 'production'",
            "probes.yaml:14:24: probes[0].cleanup[0].request.url: unknown template variable 'nope'; known here: order_id, base_url, uuid, now_unix, now_iso, random_int, env_name, probe_name"),
        row("malformed templates", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x/{{a b}}/{{base_url"}}
            """,
            "probes.yaml:5:52: probes[0].request.url: invalid template '{{a b}}' (expected {{name}})",
            "probes.yaml:5:52: probes[0].request.url: unterminated template '{{' (expected '}}')"),
        row("unset environment variable", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x/${STAGING_URL}"}}
            """, "probes.yaml:5:52: probes[0].request.url: environment variable STAGING_URL is not set (write ${STAGING_URL:-default} to give a default)"),
        row("unreadable file reference and bad references", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x/${file:missing/key}${1x}${SET"}}
            """,
            "probes.yaml:5:52: probes[0].request.url: cannot read file 'missing/key': no such file",
            "probes.yaml:5:52: probes[0].request.url: invalid reference '${1x}' (expected ${NAME}, ${NAME:-default} or ${file:PATH})",
            "probes.yaml:5:52: probes[0].request.url: unterminated '${' (write $${ for a literal '${')"),
        row("when with two forms", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            alerts:
              - name: a
                when: {consecutive_failures: 3, latency_p95: 2s}
            """, "probes.yaml:8:11: alerts[0].when: expected exactly one of consecutive_failures, failure_ratio, latency_p95, config_changed_within, cert_expires_within, burn_rate (found consecutive_failures, latency_p95)"),
        row("burn_rate alerts", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            slos:
              - {name: s, probes: [p], objective: 99.5}
              - {name: t, probes: [p], objective: 99}
            alerts:
              - {name: a, when: {burn_rate: 14.4, long_window: 1h, short_window: 5m}}
              - {name: b, slos: [s], probes: [p], when: {burn_rate: 0, long_window: 5m, short_window: 1h}}
              - {name: c, slos: [s, t], when: {burn_rate: 6, long_window: 6h, short_window: 30m}}
              - {name: d, slos: [u], when: {burn_rate: 6, long_window: 6h}}
              - {name: e, slos: [s], when: {consecutive_failures: 2, short_window: 5m}}
            """,
            "probes.yaml:10:21: alerts[0].when: burn_rate needs the SLO it burns: add slos: [NAME] to the alert",
            "probes.yaml:11:34: alerts[1].probes: not used with slos: the alert watches the SLO's probes",
            "probes.yaml:11:57: alerts[1].when.burn_rate: expected a burn rate above 0 like 14.4, found 0",
            "probes.yaml:11:91: alerts[1].when.short_window: must be shorter than long_window (5m); the standard pairs are 1h/5m, 6h/30m, 1d/2h, 3d/6h",
            "probes.yaml:12:21: alerts[2].slos: expected one SLO (an alert burns one budget; write an alert per SLO)",
            "probes.yaml:13:22: alerts[3].slos[0]: unknown slo 'u' (defined: s, t)",
            "probes.yaml:13:32: alerts[3].when: missing required key 'short_window'",
            "probes.yaml:14:21: alerts[4].slos: only used with when: {burn_rate: ...}",
            "probes.yaml:14:58: alerts[4].when.short_window: only used with burn_rate"),
        row("when details", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            alerts:
              - {name: a, when: {failure_ratio: 1.5, min_runs: 0}}
              - {name: b, when: {consecutive_failures: 2, window: 5m}}
              - {name: c, when: {}}
            """,
            "probes.yaml:7:21: alerts[0].when: missing required key 'window'",
            "probes.yaml:7:37: alerts[0].when.failure_ratio: must be greater than 0 and at most 1, found 1.5",
            "probes.yaml:7:52: alerts[0].when.min_runs: must be at least 1, found 0",
            "probes.yaml:8:47: alerts[1].when.window: only used with failure_ratio or latency_p95",
            "probes.yaml:9:21: alerts[2].when: expected exactly one of consecutive_failures, failure_ratio, latency_p95, config_changed_within, cert_expires_within, burn_rate"),
        row("unknown references from alerts", ENVS + """
              - {name: checkout, type: gateway-config, request: {url: "http://x"}}
            alerts:
              - name: a
                probes: [chekout]
                environments: [prod]
                when: {config_changed_within: 30m}
                inhibited_by: [a, b]
                notify: [oncall]
                severity: page
              - {name: a, when: {cert_expires_within: 14d}}
            """,
            "probes.yaml:8:14: alerts[0].probes[0]: unknown probe 'chekout' (did you mean 'checkout'?)",
            "probes.yaml:9:20: alerts[0].environments[0]: unknown environment 'prod' (defined: staging, production)",
            "probes.yaml:11:20: alerts[0].inhibited_by[0]: an alert cannot inhibit itself",
            "probes.yaml:11:23: alerts[0].inhibited_by[1]: unknown alert 'b' (defined: a)",
            "probes.yaml:12:14: alerts[0].notify[0]: unknown webhook 'oncall' (none defined)",
            "probes.yaml:13:15: alerts[0].severity: unknown severity 'page' (expected critical, warning or info)",
            "probes.yaml:14:12: alerts[1].name: duplicate alert name 'a' (first defined at line 7)"),
        row("bad webhooks", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            webhooks:
              - {name: w, url: "http://x", hmac_secret: "sekrit", format: slak}
              - {name: v, url: [], send_resolved: yes-please}
            """,
            "probes.yaml:7:45: webhooks[0].hmac_secret: expected whsec_ followed by a base64 key (the Standard Webhooks secret format)",
            "probes.yaml:7:63: webhooks[0].format: unknown format 'slak' (did you mean 'slack'?)",
            "probes.yaml:8:20: webhooks[1].url: expected at least one URL",
            "probes.yaml:8:39: webhooks[1].send_resolved: expected true or false, found \"yes-please\""),
        row("bad pagerduty webhooks", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            webhooks:
              - {name: pd, format: pagerduty}
              - {name: pd2, format: pagerduty, routing_key: "not-the-secret"}
              - {name: j, url: "http://x", routing_key: "0123456789abcdef0123456789abcdef"}
            """,
            "probes.yaml:7:5: webhooks[0]: missing required key 'routing_key'",
            "probes.yaml:8:49: webhooks[1].routing_key: expected PagerDuty's 32-character integration key (letters and digits), found 14 characters; hint: Service → Integrations → Events API v2, and keep it out of the file with \"${file:PATH}\"",
            "probes.yaml:9:45: webhooks[2].routing_key: only a webhook with format: pagerduty takes a routing_key"),
        row("bad slos", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            slos:
              - {name: a, probes: [q], objective: 100, window: 5m}
              - {name: a, probes: [p], environments: [prod], objective: 99.5, degraded_is_bad: maybe}
            """,
            "probes.yaml:7:24: slos[0].probes[0]: unknown probe 'q' (defined: p)",
            "probes.yaml:7:39: slos[0].objective: expected a percentage between 0 and 100 (exclusive) like 99.5, found 100",
            "probes.yaml:7:52: slos[0].window: an SLO window shorter than 1h says little; expected a duration like 30d or 7d",
            "probes.yaml:8:12: slos[1].name: duplicate slo name 'a' (first defined at line 7)",
            "probes.yaml:8:43: slos[1].environments[0]: unknown environment 'prod' (defined: staging, production)",
            "probes.yaml:8:84: slos[1].degraded_is_bad: expected true or false, found \"maybe\""),
        row("silence until before from", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            silences:
              - {from: "2026-12-01T22:00:00Z", until: "2026-12-01T21:00:00Z"}
              - {from: tomorrow, probes: [q]}
            """,
            "probes.yaml:7:43: silences[0].until: must be after from (2026-12-01T22:00:00Z)",
            "probes.yaml:8:5: silences[1]: missing required key 'until'",
            "probes.yaml:8:12: silences[1].from: expected an ISO-8601 instant like 2026-12-01T22:00:00Z, found \"tomorrow\"",
            "probes.yaml:8:31: silences[1].probes[0]: unknown probe 'q' (defined: p)"),
        row("bad listen and reserved labels", """
            agent:
              listen: localhost
              labels: {probe: x, 1bad: y, __meta: z, ok_name: w}
              max_concurrency: 0
            """ + ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            """,
            "probes.yaml:2:11: agent.listen: expected HOST:PORT like 0.0.0.0:9781, found \"localhost\"",
            "probes.yaml:3:12: agent.labels.probe: reserved label name (cartprobe sets it on its own series; reserved: probe, env, step, phase, reason, result, alert, webhook, outcome, version, slo, window)",
            "probes.yaml:3:22: agent.labels.1bad: invalid label name (use letters, digits and '_', not starting with a digit)",
            "probes.yaml:3:31: agent.labels.__meta: reserved label name (names starting with '__' are Prometheus's own)",
            "probes.yaml:4:20: agent.max_concurrency: must be at least 1, found 0"),
        row("port out of range", """
            agent: {listen: "0.0.0.0:99999"}
            """ + ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            """, "probes.yaml:1:17: agent.listen: port must be between 0 and 65535, found 99999"),
        row("no environments", """
            environments: {}
            probes:
              - {name: p, type: gateway-config, request: {url: "http://x"}}
            """, "probes.yaml:1:15: environments: no environments defined"),
        row("empty probes list and unknown top-level key", """
            environments: {e: {}}
            probes: []
            webhook: []
            """,
            "probes.yaml:2:9: probes: no probes defined",
            "probes.yaml:3:1: webhook: unknown key (did you mean 'webhooks'?)"),
        row("unsupported tag and recursive alias", ENVS + """
              - {name: p, type: checkout, steps: [{name: s, request: {url: !shell "http://x", json: &j [*j]}}]}
            """,
            "probes.yaml:5:64: probes[0].steps[0].request.url: unsupported YAML tag '!shell'",
            "probes.yaml:5:89: probes[0].steps[0].request.json[0]: recursive alias is not allowed here"),
        row("empty and null names", ENVS + """
              - {name: "", type: gateway-config, request: {url: "http://x"}}
              - {name: ~, type: gateway-config, request: {url: "http://x"}}
            """,
            "probes.yaml:5:12: probes[0].name: must not be empty",
            "probes.yaml:6:12: probes[1].name: expected a string, found null"),
        row("wrong shapes everywhere", """
            agent: 5
            environments: [a]
            probes: {name: p}
            alerts: x
            """,
            "probes.yaml:1:8: agent: expected a map, found \"5\"",
            "probes.yaml:2:15: environments: expected a map, found a list",
            "probes.yaml:3:9: probes: expected a list, found a map",
            "probes.yaml:4:9: alerts: expected a list, found \"x\"")
    );
  }

  private static Arguments row(String name, String yaml, String... expected) {
    return Arguments.argumentSet(name, yaml, List.of(expected));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void reportsExactly(String yaml, List<String> expected) {
    assertThat(errors(yaml)).containsExactlyElementsOf(expected);
  }

  @Test
  void reportsEveryErrorInFileOrder() {
    List<String> errors = errors("""
        webhooks:
          - {name: w, url: "ftp://x"}
        environments:
          staging: {vars: {base_url: "http://s"}}
        probes:
          - name: p
            type: checkout
            intreval: 30s
            steps:
              - name: s
                request: {url: "{{base_ur}}"}
                expect: {status: abc}
        alerts:
          - {name: a, probes: [q], when: {consecutive_failures: 0}}
        """);
    assertThat(errors).containsExactly(
        "probes.yaml:2:20: webhooks[0].url: expected an http:// or https:// URL, found \"ftp://x\"",
        "probes.yaml:8:5: probes[0].intreval: unknown key (did you mean 'interval'?)",
        "probes.yaml:11:24: probes[0].steps[0].request.url: unknown template variable 'base_ur' (did you mean 'base_url'?); known here: base_url, uuid, now_unix, now_iso, random_int, env_name, probe_name",
        "probes.yaml:12:26: probes[0].steps[0].expect.status: expected a status like 200, \"2xx\" or [200, 201], found \"abc\"",
        "probes.yaml:14:24: alerts[0].probes[0]: unknown probe 'q' (defined: p)",
        "probes.yaml:14:57: alerts[0].when.consecutive_failures: must be at least 1, found 0");
  }
}
