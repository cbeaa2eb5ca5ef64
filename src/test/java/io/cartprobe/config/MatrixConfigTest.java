package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matrix:} on a checkout probe: its variants, and each mistake located in the file. */
class MatrixConfigTest {

  @TempDir static Path dir;

  /** Lines 1-6; the matrix of each case starts on line 7. */
  private static final String HEAD = """
      environments:
        production: {vars: {base_url: "http://p", currency: USD}}
      probes:
        - name: checkout
          type: checkout
          vars: {sku: S1}
      """;

  private static final String STEPS = """
          steps:
            - name: pay
              request: {method: POST, url: "{{base_url}}/pay/{{payment_method}}"}
              extract: {order_id: $.id}
      """;

  static CartprobeConfig load(String yaml) {
    try {
      return new ConfigLoader(Map.of()).parse("probes.yaml", yaml, dir);
    } catch (ConfigException e) {
      throw new IllegalStateException(String.join("\n", e.errors().stream().map(ConfigError::format).toList()), e);
    }
  }

  static List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new ConfigLoader(Map.of()).parse("probes.yaml", yaml, dir));
    assertThat(e).as("expected the file to be rejected").isNotNull();
    return e.errors().stream().map(ConfigError::format).toList();
  }

  @Test
  void everyCombinationIsAVariantInKeyOrderWithItsValuesAsVars() {
    CartprobeConfig config = load(HEAD + """
            matrix:
              payment_method: [visa, amex]
              region: [us, eu, 7]
        """ + STEPS);

    ProbeConfig checkout = config.probe("checkout").orElseThrow();
    assertThat(checkout.variants()).extracting(Variant::id).containsExactly(
        "visa,us", "visa,eu", "visa,7", "amex,us", "amex,eu", "amex,7");
    Variant amexEu = checkout.variant("amex,eu").orElseThrow();
    assertThat(amexEu.values()).containsExactly(
        Map.entry("payment_method", "amex"), Map.entry("region", "eu"));
    assertThat(checkout.forVariant(amexEu).vars()).containsExactly(Map.entry("sku", "S1"),
        Map.entry("payment_method", "amex"), Map.entry("region", "eu"));
  }

  @Test
  void aProbeWithoutMatrixHasTheOneEmptyVariant() {
    ProbeConfig checkout = load(HEAD + STEPS.replace("/{{payment_method}}", "")).probe("checkout")
        .orElseThrow();

    assertThat(checkout.matrix().isEmpty()).isTrue();
    assertThat(checkout.variants()).containsExactly(Variant.NONE);
    assertThat(checkout.forVariant(Variant.NONE)).isSameAs(checkout);
  }

  @Test
  void moreThan64VariantsIsAnErrorNamingTheCount() {
    assertThat(errors(HEAD + """
            matrix:
              a: [1, 2, 3, 4, 5]
              b: [1, 2, 3, 4, 5]
              payment_method: [1, 2, 3]
        """ + STEPS)).containsExactly(
        "probes.yaml:8:7: probes[0].matrix: 75 variants (5 x 5 x 3); at most 64 a probe (split it into several probes)");
  }

  @Test
  void aKeyClashingWithAVarOrAnExtractionIsAnError() {
    assertThat(errors(HEAD + """
            matrix:
              payment_method: [visa]
              sku: [S2]
              currency: [EUR]
              order_id: [o]
        """ + STEPS)).containsExactly(
        "probes.yaml:9:7: probes[0].matrix.sku: matrix key 'sku' clashes with a var of the same name (rename one)",
        "probes.yaml:10:7: probes[0].matrix.currency: matrix key 'currency' clashes with a var of the same name (rename one)",
        "probes.yaml:11:7: probes[0].matrix.order_id: matrix key 'order_id' clashes with the value step 'pay' extracts (rename one)");
  }

  @Test
  void emptyListsNonScalarValuesAndBadShapesAreLocated() {
    assertThat(errors(HEAD + """
            matrix:
              payment_method: []
              region: [{a: 1}, [x], eu, eu]
              size: big
              "bad-key": [x]
              joined: ["a,b"]
        """ + STEPS)).containsExactly(
        "probes.yaml:8:23: probes[0].matrix.payment_method: expected at least one value, like [visa, mastercard, amex]",
        "probes.yaml:9:16: probes[0].matrix.region[0]: expected a plain value (a string or number), found a map",
        "probes.yaml:9:24: probes[0].matrix.region[1]: expected a plain value (a string or number), found a list",
        "probes.yaml:9:33: probes[0].matrix.region[3]: duplicate matrix value \"eu\"",
        "probes.yaml:10:13: probes[0].matrix.size: expected a list, found \"big\"",
        "probes.yaml:11:7: probes[0].matrix.bad-key: invalid matrix key 'bad-key' (use letters, digits and '_'; it is a template name)",
        "probes.yaml:12:16: probes[0].matrix.joined[0]: a matrix value must not contain ',' (it joins the values of a variant's id)");
  }

  @Test
  void anEmptyMatrixAndAMatrixOnAGatewayProbeAreErrors() {
    assertThat(errors(HEAD + """
            matrix: {}
        """ + STEPS.replace("/{{payment_method}}", "") + """
          - name: gw
            type: gateway-config
            matrix: {a: [x]}
            request: {url: "{{base_url}}"}
        """)).containsExactly(
        "probes.yaml:7:13: probes[0].matrix: expected at least one key, like payment_method: [visa, mastercard, amex]",
        "probes.yaml:14:5: probes[1].matrix: only allowed in checkout probes");
  }

  @Test
  void aTemplateNamingAMatrixKeyIsKnownOneNamingNoKeyIsNot() {
    assertThat(errors(HEAD + """
            matrix: {payment_method: [visa]}
        """ + STEPS.replace("{{payment_method}}", "{{payment_methd}}")))
        .singleElement().asString().startsWith("probes.yaml:").contains("payment_methd");
  }
}
