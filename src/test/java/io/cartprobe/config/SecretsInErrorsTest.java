package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader's error that echoes a found value, fed a value from {@code ${...}}: the message
 * names the reference, never the value (validate, the agent's reload log and the reload
 * endpoint all print these messages).
 */
class SecretsInErrorsTest {

  private static final String KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  /** Longer than the 60 characters a quoted value is cut to: a cut value must not leak either. */
  private static final String LONG_KEY = "sk_live_" + "0123456789abcdef".repeat(5);

  private static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("GW_KEY", KEY),
      Map.entry("LONG_KEY", LONG_KEY),
      Map.entry("SPACEY", "sk live 4eC39HqLyjWD"),
      Map.entry("ZERO", "0s"),
      Map.entry("NUM", "0"),
      Map.entry("CODE", "999"),
      Map.entry("RATIO", "5"),
      Map.entry("PORT", "99999"),
      Map.entry("BAD_RE", "(sk_live_4eC39"),
      Map.entry("LOOKAHEAD", "sk_live(?=4eC39)"),
      Map.entry("TPL", "{{sk_live_4eC39}}/x"),
      Map.entry("FROM", "2026-12-01T22:00:00Z"));

  private static final String ENVS = """
      environments:
        staging: {vars: {base_url: "http://s"}}
      probes:
      """;
  private static final String OK_PROBE =
      "  - {name: p, type: gateway-config, request: {url: \"http://x\"}}\n";

  static List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new ConfigLoader(ENV).parse("probes.yaml", yaml, null));
    assertThat(e).as("expected the file to be rejected").isNotNull();
    return e.errors().stream().map(ConfigError::format).toList();
  }

  private static Arguments row(String name, String yaml, String expected) {
    return Arguments.of(name, yaml, expected);
  }

  private static String hidden(String variable) {
    return "a value from ${" + variable + "} (not shown)";
  }

  static Stream<Arguments> readers() {
    return Stream.of(
        row("duration", ENVS + """
              - {name: p, type: gateway-config, interval: "${GW_KEY}", request: {url: "http://x"}}
            """, "probes[0].interval: expected a duration like 250ms, 30s, 5m, 1h or 14d, found "
            + hidden("GW_KEY")),
        row("long value cut in a quote", ENVS + """
              - {name: p, type: gateway-config, interval: "${LONG_KEY}", request: {url: "http://x"}}
            """, "probes[0].interval: expected a duration like 250ms, 30s, 5m, 1h or 14d, found "
            + hidden("LONG_KEY")),
        row("zero duration", ENVS + """
              - {name: p, type: gateway-config, timeout: "${ZERO}", request: {url: "http://x"}}
            """, "probes[0].timeout: must be greater than 0, found " + hidden("ZERO")),
        row("integer", ENVS + """
              - {name: p, type: gateway-config, retries: "${GW_KEY}", request: {url: "http://x"}}
            """, "probes[0].retries: expected an integer, found " + hidden("GW_KEY")),
        row("integer range", "agent:\n  max_concurrency: ${NUM}\n" + ENVS + OK_PROBE,
            "agent.max_concurrency: must be at least 1, found " + hidden("NUM")),
        row("listen", "agent: {listen: \"${GW_KEY}\"}\n" + ENVS + OK_PROBE,
            "agent.listen: expected HOST:PORT like 0.0.0.0:9781, found " + hidden("GW_KEY")),
        row("listen port", "agent: {listen: \"0.0.0.0:${PORT}\"}\n" + ENVS + OK_PROBE,
            "agent.listen: port must be between 0 and 65535, found " + hidden("PORT")),
        row("url", ENVS + """
              - {name: p, type: gateway-config, request: {url: "${GW_KEY}"}}
            """, "probes[0].request.url: expected an http:// or https:// URL, found "
            + hidden("GW_KEY")),
        row("method", ENVS + """
              - {name: p, type: gateway-config, request: {method: "${GW_KEY}", url: "http://x"}}
            """, "probes[0].request.method: unknown method " + hidden("GW_KEY")
            + " (expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS)"),
        row("probe type", ENVS + """
              - {name: p, type: "${GW_KEY}", request: {url: "http://x"}}
            """, "probes[0].type: unknown probe type " + hidden("GW_KEY")
            + " (expected checkout, gateway-config or provider-status)"),
        row("probe name", ENVS + """
              - {name: "${SPACEY}", type: gateway-config, request: {url: "http://x"}}
            """, "probes[0].name: invalid probe name " + hidden("SPACEY")
            + " (use letters, digits, '_', '.' and '-')"),
        row("duplicate name", ENVS + """
              - {name: "${GW_KEY}", type: gateway-config, request: {url: "http://x"}}
              - {name: "${GW_KEY}", type: gateway-config, request: {url: "http://x"}}
            """, "probes[1].name: duplicate probe name " + hidden("GW_KEY")
            + " (first defined at line 4)"),
        row("unknown environment", ENVS + """
              - {name: p, type: gateway-config, environments: ["${GW_KEY}"], request: {url: "http://x"}}
            """, "probes[0].environments[0]: unknown environment " + hidden("GW_KEY")
            + " (defined: staging)"),
        row("status", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {status: "${GW_KEY}"}}
            """, "probes[0].expect.status: expected a status like 200, \"2xx\" or [200, 201], found "
            + hidden("GW_KEY")),
        row("status in a list", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {status: ["${GW_KEY}"]}}
            """, "probes[0].expect.status[0]: expected a status like 200 or \"2xx\", found "
            + hidden("GW_KEY")),
        row("status range", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {status: "${CODE}"}}
            """, "probes[0].expect.status: status code must be between 100 and 599, found "
            + hidden("CODE")),
        row("invalid regex", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {headers: {X: "${BAD_RE}"}}}
            """, "probes[0].expect.headers.X: invalid regex " + hidden("BAD_RE")
            + ": missing closing )"),
        row("unsupported regex", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {body: {matches: "${LOOKAHEAD}"}}}
            """, "probes[0].expect.body.matches: lookahead is not supported in " + hidden("LOOKAHEAD")
            + ": patterns use RE2 syntax, which matches in linear time and has no lookaround,"
            + " backreferences, atomic groups or possessive quantifiers (match the text itself,"
            + " or split it into several checks, e.g. a matches and a not_contains)"),
        row("boolean", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {json: {$.a: {exists: "${GW_KEY}"}}}}
            """, "probes[0].expect.json.$.a.exists: expected true or false, found "
            + hidden("GW_KEY")),
        row("number", ENVS + """
              - {name: p, type: gateway-config, request: {url: "http://x"}, expect: {json: {$.a: {gt: "${GW_KEY}"}}}}
            """, "probes[0].expect.json.$.a.gt: expected a number, found " + hidden("GW_KEY")),
        row("extract source", ENVS + """
              - name: p
                type: checkout
                steps:
                  - {name: s, request: {url: "http://x"}, extract: {v: "${GW_KEY}"}}
            """, "probes[0].steps[0].extract.v: expected a source like $.id, header:NAME, cookie:NAME"
            + " or regex:PATTERN, found " + hidden("GW_KEY")),
        row("template name", ENVS + """
              - {name: p, type: gateway-config, request: {url: "${TPL}"}}
            """, "probes[0].request.url: unknown template variable " + hidden("TPL")
            + "; known here: base_url, uuid, now_unix, now_iso, random_int, env_name, probe_name"),
        row("instant", ENVS + OK_PROBE + """
            silences:
              - {from: "${GW_KEY}", until: "2026-12-01T23:00:00Z"}
            """, "silences[0].from: expected an ISO-8601 instant like 2026-12-01T22:00:00Z, found "
            + hidden("GW_KEY")),
        row("instant order", ENVS + OK_PROBE + """
            silences:
              - {from: "${FROM}", until: "2026-12-01T21:00:00Z"}
            """, "silences[0].until: must be after from (" + hidden("FROM") + ")"),
        row("ratio", ENVS + OK_PROBE + """
            alerts:
              - name: a
                when:
                  failure_ratio: ${RATIO}
                  window: 10m
            """, "alerts[0].when.failure_ratio: must be greater than 0 and at most 1, found "
            + hidden("RATIO")),
        row("unknown probe reference", ENVS + OK_PROBE + """
            alerts:
              - {name: a, probes: ["${GW_KEY}"], when: {consecutive_failures: 3}}
            """, "alerts[0].probes[0]: unknown probe " + hidden("GW_KEY") + " (defined: p)"),
        row("webhook url", ENVS + OK_PROBE + """
            webhooks:
              - {name: w, url: "${GW_KEY}"}
            """, "webhooks[0].url: expected an http:// or https:// URL, found " + hidden("GW_KEY")),
        row("webhook format", ENVS + OK_PROBE + """
            webhooks:
              - {name: w, url: "http://x", format: "${GW_KEY}"}
            """, "webhooks[0].format: unknown format " + hidden("GW_KEY")
            + " (expected alertmanager, alertmanager-api, slack, json or pagerduty)"),
        row("webhook flag", ENVS + OK_PROBE + """
            webhooks:
              - {name: w, url: "http://x", send_resolved: "${GW_KEY}"}
            """, "webhooks[0].send_resolved: expected true or false, found " + hidden("GW_KEY")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void namesTheReferenceNotTheValue(String name, String yaml, String expected) {
    List<String> errors = errors(yaml);

    assertThat(errors).anySatisfy(e -> assertThat(e).endsWith(": " + expected));
    assertThat(errors).allSatisfy(SecretsInErrorsTest::assertNoValueLeaks);
  }

  @Test
  void aValueWrittenInTheFileIsStillShown() {
    assertThat(errors(ENVS + """
          - {name: p, type: gateway-config, interval: abc, request: {url: "http://x"}}
        """)).containsExactly("probes.yaml:4:47: probes[0].interval: expected a duration like"
        + " 250ms, 30s, 5m, 1h or 14d, found \"abc\"");
  }

  /** No interpolated value of 4 characters or more, nor any 6-character piece of one. */
  private static void assertNoValueLeaks(String message) {
    for (String value : ENV.values()) {
      if (value.length() >= 4 && !value.equals("2026-12-01T22:00:00Z")) {
        for (int i = 0; i + 6 <= value.length(); i++) {
          assertThat(message).doesNotContain(value.substring(i, i + 6));
        }
      }
    }
    assertThat(message).doesNotContain("found 0").doesNotContain("999").doesNotContain("found 5");
  }
}
