package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code agent.otlp}: read with its defaults, refused with file:line:column, never printed. */
class OtlpConfigTest {

  private static final String PROBES = """
      environments:
        staging: {vars: {base_url: "http://127.0.0.1:1"}}
      probes:
        - name: p
          type: checkout
          steps:
            - {name: s, request: {url: "{{base_url}}/"}}
      """;

  private static CartprobeConfig parse(String agent) throws ConfigException {
    return new ConfigLoader(Map.of("OTLP_TOKEN", "tok-123"))
        .parse("probes.yaml", agent + PROBES, Path.of("."));
  }

  @Test
  void everyKeyIsReadAndTheRestDefault() throws Exception {
    OtlpConfig full = parse("""
        agent:
          otlp:
            endpoint: https://otlp.example:4317
            protocol: grpc
            headers: {Authorization: "Bearer ${OTLP_TOKEN}"}
            timeout: 3s
        """).agent().otlp().orElseThrow();
    OtlpConfig minimal = parse("""
        agent:
          otlp: {endpoint: "http://collector:4318"}
        """).agent().otlp().orElseThrow();

    assertThat(full).isEqualTo(new OtlpConfig("https://otlp.example:4317",
        OtlpConfig.Protocol.GRPC, Map.of("Authorization", "Bearer tok-123"),
        Duration.ofSeconds(3)));
    assertThat(minimal).isEqualTo(new OtlpConfig("http://collector:4318",
        OtlpConfig.Protocol.HTTP_PROTOBUF, Map.of(), OtlpConfig.DEFAULT_TIMEOUT));
    assertThat(parse("agent: {listen: \"127.0.0.1:9\"}\n").agent().otlp()).isEqualTo(Optional.empty());
  }

  @Test
  void mistakesAreReportedWhereTheyAre() {
    assertThat(ConfigLoaderErrorsTest.errors("""
        agent:
          otlp:
            endpoint: collector:4318
            protocol: grcp
            timout: 3s
        """ + PROBES)).containsExactly(
        "probes.yaml:3:15: agent.otlp.endpoint: expected an http:// or https:// URL, found \"collector:4318\"",
        "probes.yaml:4:15: agent.otlp.protocol: unknown protocol 'grcp' (did you mean 'grpc'?)",
        "probes.yaml:5:5: agent.otlp.timout: unknown key (did you mean 'timeout'?)");
    assertThat(ConfigLoaderErrorsTest.errors("agent:\n  otlp: {protocol: grpc}\n" + PROBES))
        .containsExactly("probes.yaml:2:9: agent.otlp: missing required key 'endpoint'");
  }

  @Test
  void headerValuesNeverShowInItsText() throws Exception {
    OtlpConfig otlp = parse("""
        agent:
          otlp: {endpoint: "http://c:4318", headers: {Authorization: "Bearer ${OTLP_TOKEN}"}}
        """).agent().otlp().orElseThrow();

    assertThat(otlp.toString()).contains("Authorization").doesNotContain("tok-123");
    assertThat(parse("agent: {otlp: {endpoint: \"http://c:4318\"}}\n").agent().toString())
        .contains("http://c:4318");
  }

  @Test
  void theSchemaAcceptsWhatTheLoaderAccepts() throws Exception {
    assertThat(ProbesSchemaTest.errors("""
        agent:
          otlp:
            endpoint: ${OTLP_ENDPOINT}
            protocol: http/protobuf
            headers: {x-api-key: abc}
            timeout: 10s
        """ + PROBES)).isEmpty();
    assertThat(ProbesSchemaTest.errors("agent: {otlp: {endpoint: \"http://c\", protocol: udp}}\n"
        + PROBES)).isNotEmpty();
  }
}
