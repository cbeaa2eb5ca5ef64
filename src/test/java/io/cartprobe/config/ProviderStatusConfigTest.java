package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: provider-status}: what it reads, and each mistake at its line and column. */
class ProviderStatusConfigTest {

  @TempDir Path dir;

  private static final String ENVS = """
      environments:
        staging: {vars: {status_url: "http://s/api/v2/summary.json"}}
      probes:
      """;

  @Test
  void readsRequestComponentAndComponents() throws Exception {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", ENVS + """
          - name: psp-status
            type: provider-status
            interval: 1m
            request: {url: "{{status_url}}"}
            components: ["Card payments", API]
        """, dir);

    ProviderStatusProbe probe = (ProviderStatusProbe) config.probe("psp-status").orElseThrow();
    assertThat(probe.type()).isEqualTo(ProbeType.PROVIDER_STATUS);
    assertThat(probe.components()).containsExactly("Card payments", "API");
    assertThat(probe.check().component()).isEqualTo("payment-gateway");
    assertThat(probe.check().request().url()).isEqualTo("{{status_url}}");
    assertThat(probe.type().isEvidence()).isTrue();
  }

  @Test
  void missingRequestUrl() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: psp-status
            type: provider-status
            request: {method: GET}
        """)).containsExactly("probes.yaml:6:14: probes[0].request: missing required key 'url'");
  }

  @Test
  void missingRequest() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: psp-status
            type: provider-status
        """)).containsExactly("probes.yaml:4:5: probes[0]: missing required key 'request'");
  }

  @Test
  void componentsNotAList() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: psp-status
            type: provider-status
            request: {url: "http://x"}
            components: Card payments
        """)).containsExactly(
            "probes.yaml:7:17: probes[0].components: expected a list, found \"Card payments\"");
  }

  @Test
  void componentsNotStrings() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: psp-status
            type: provider-status
            request: {url: "http://x"}
            components: ["Card payments", {name: API}, "Card payments"]
        """)).containsExactly(
            "probes.yaml:7:35: probes[0].components[1]: expected a component name as the status "
                + "page shows it (a string, e.g. \"Card payments\"), found a map",
            "probes.yaml:7:48: probes[0].components[2]: duplicate component \"Card payments\"");
  }

  @Test
  void gatewayConfigKeysAreMisplaced() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: psp-status
            type: provider-status
            request: {url: "http://x"}
            watch: [$.status]
        """)).containsExactly("probes.yaml:7:5: probes[0].watch: only allowed in gateway-config probes");
  }

  @Test
  void componentsOnAGatewayConfigProbeAreMisplaced() {
    assertThat(ConfigLoaderErrorsTest.errors(ENVS + """
          - name: gw
            type: gateway-config
            request: {url: "http://x"}
            components: [API]
        """)).containsExactly("probes.yaml:7:5: probes[0].components: only allowed in provider-status probes");
  }
}
