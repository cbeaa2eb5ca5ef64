package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TLS warm-up is skipped only for a run that cannot reach TLS through the probe client. */
class TlsNeedTest {

  private static boolean mayUseTls(String baseUrl, String steps) {
    String yaml = """
        environments:
          production:
            vars: {base_url: "%s"}
        probes:
          - name: checkout
            type: checkout
            steps:
        %s""".formatted(baseUrl, steps.indent(6));
    CartprobeConfig config;
    try {
      config = new ConfigLoader(Map.of()).parse("probes.yaml", yaml, null);
    } catch (ConfigException e) {
      throw new AssertionError(e.errors().toString(), e);
    }
    return TlsNeed.mayUseTls(config.probes().getFirst(), config.environments().get("production"),
        Clock.systemUTC(), new SplittableRandom(1));
  }

  private static final String CART = """
      - name: create_cart
        request: {method: POST, url: "{{base_url}}/api/carts"}
      """;

  @Test
  void plainHttpEverywhereNeedsNoTls() {
    assertThat(mayUseTls("http://127.0.0.1:8080", CART)).isFalse();
  }

  @Test
  void anHttpsUrlByVariableOrWrittenOutNeedsTls() {
    assertThat(mayUseTls("https://shop.example", CART)).isTrue();
    assertThat(mayUseTls("http://127.0.0.1:8080", CART + """
        - name: status
          request: {method: GET, url: "HTTPS://status.example/api/v2/summary.json"}
        """)).isTrue();
  }

  @Test
  void aUrlFromAnExtractedValueIsNotKnownBeforeTheRunAndCountsAsTls() {
    assertThat(mayUseTls("http://127.0.0.1:8080", """
        - name: create_cart
          request: {method: POST, url: "{{base_url}}/api/carts"}
          extract: {payment_url: $.payment_url}
        - name: pay
          request: {method: POST, url: "{{payment_url}}"}
        """)).isTrue();
  }

  @Test
  void authMayCallATokenEndpointAndCountsAsTls() {
    assertThat(mayUseTls("http://127.0.0.1:8080", """
        - name: create_cart
          request: {method: POST, url: "{{base_url}}/api/carts"}
          auth: {basic: {username: u, password: p}}
        """)).isTrue();
  }
}
