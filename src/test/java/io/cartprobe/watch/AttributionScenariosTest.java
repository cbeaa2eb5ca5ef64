package io.cartprobe.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigException;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.testing.ResultBuilder;
import io.cartprobe.testing.Results;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of docs/attribution.md as a table: each scenario feeds attribution what the agent
 * would have seen, then a failed checkout, and says which cause it must name — or that it must
 * name none, and say so.
 */
class AttributionScenariosTest {

  static final String YAML = """
      environments:
        production: {vars: {base_url: "http://127.0.0.1:1"}}
        staging: {vars: {base_url: "http://127.0.0.1:1"}}
      probes:
        - name: checkout
          type: checkout
          interval: 10s
          steps:
            - {name: create_cart, component: cart-service, request: {url: "{{base_url}}/carts"}}
            - {name: authorize_payment, component: payment-gateway, request: {url: "{{base_url}}/pay"}}
            - {name: place_order, component: orders-service, gateway: [gateway-config],
               request: {url: "{{base_url}}/orders"}}
        - name: gateway-config
          type: gateway-config
          interval: 1m
          request: {url: "{{base_url}}/v1/account"}
          watch: [$.request_signing]
        - name: tls-gw
          type: gateway-config
          component: gateway-edge
          interval: 1m
          request: {url: "{{base_url}}/"}
      """;

  static final Instant T = Instant.parse("2024-05-09T17:00:00Z");
  static final String HMAC = "\"hmac-sha256\"";
  static final String RSA = "\"rsa-pss-sha512\"";

  record Scenario(String name, Consumer<Attribution> before, String failingStep, String env,
      Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A named cause (probe, confidence, whether it carries changes) or none with a note. */
  record Expect(Optional<String> probe, Optional<ProbableCause.Confidence> confidence,
      boolean changes, String noteContains) {
    static Expect cause(String probe, ProbableCause.Confidence confidence, boolean changes) {
      return new Expect(Optional.of(probe), Optional.of(confidence), changes, "");
    }

    static Expect none(String noteContains) {
      return new Expect(Optional.empty(), Optional.empty(), false, noteContains);
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("gateway change, then an unrelated cart failure", a -> {
          good(a, -300);
          a.accept(change(-200, HMAC, RSA));
          good(a, -100);
        }, "create_cart", "production",
            Expect.none("create_cart (cart-service) depends on no gateway-config probe")),
        new Scenario("gateway change that causes the failure", a -> {
          good(a, -100);
          a.accept(change(-30, HMAC, RSA));
        }, "authorize_payment", "production",
            Expect.cause("gateway-config", ProbableCause.Confidence.LIKELY, true)),
        new Scenario("the change that ended the previous incident (restores the baseline)", a -> {
          good(a, -900);
          a.accept(change(-600, HMAC, RSA));
          a.accept(change(-300, RSA, HMAC));
        }, "authorize_payment", "production",
            Expect.none("gateway-config passing and unchanged since the last good run")),
        new Scenario("a change followed by good runs", a -> {
          good(a, -600);
          a.accept(change(-300, HMAC, RSA));
          good(a, -60);
        }, "authorize_payment", "production", Expect.none("passing and unchanged")),
        new Scenario("the gateway failing while another component fails", a -> {
          good(a, -100);
          a.accept(gatewayFailed("tls-gw", -20));
          a.accept(gatewayFailed("gateway-config", -20));
        }, "create_cart", "production", Expect.none("depends on no gateway-config probe")),
        new Scenario("a failure with no evidence at all", a -> good(a, -60),
            "authorize_payment", "production", Expect.none("passing and unchanged")),
        new Scenario("a gateway failure that began after the last good run", a -> {
          good(a, -100);
          a.accept(gatewayFailed("gateway-config", -40));
        }, "authorize_payment", "production",
            Expect.cause("gateway-config", ProbableCause.Confidence.LIKELY, false)),
        new Scenario("a gateway failure older than the last good run", a -> {
          a.accept(gatewayFailed("gateway-config", -400));
          good(a, -100);
        }, "authorize_payment", "production", Expect.none("passing and unchanged")),
        new Scenario("an explicit gateway: link on a step of another component", a -> {
          good(a, -100);
          a.accept(change(-30, HMAC, RSA));
        }, "place_order", "production",
            Expect.cause("gateway-config", ProbableCause.Confidence.LIKELY, true)),
        new Scenario("no good run known yet: possible, not likely", a ->
            a.accept(change(-120, HMAC, RSA)), "authorize_payment", "production",
            Expect.cause("gateway-config", ProbableCause.Confidence.POSSIBLE, true)),
        new Scenario("another environment's change", a -> {
          good(a, -100);
          a.accept(change(-30, HMAC, RSA));
        }, "authorize_payment", "staging", Expect.none("passing and unchanged")),
        new Scenario("a change seen long after the failures began", a -> {
          good(a, -1000);
          a.accept(checkoutFailed("authorize_payment", "production", -900));
          a.accept(change(-30, HMAC, RSA));
        }, "authorize_payment", "production", Expect.none("passing and unchanged")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void namesOnlyTheCauseTheEvidencePointsAt(Scenario scenario) throws ConfigException {
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", YAML, Path.of("."));
    Attribution attribution = new Attribution(() -> config);
    scenario.before().accept(attribution);

    ProbeResult diagnosed = attribution.diagnose(
        checkoutFailed(scenario.failingStep(), scenario.env(), 0));

    Expect expect = scenario.expect();
    if (expect.probe().isPresent()) {
      assertThat(diagnosed.probableCause()).hasValueSatisfying(cause -> {
        assertThat(cause.probe()).isEqualTo(expect.probe().get());
        assertThat(cause.confidence()).isEqualTo(expect.confidence().get());
        assertThat(cause.changes().isEmpty()).isEqualTo(!expect.changes());
        assertThat(cause.why()).contains(scenario.failingStep());
      });
      assertThat(diagnosed.notes()).noneMatch(n -> n.startsWith(ProbableCause.NO_EVIDENCE));
    } else {
      assertThat(diagnosed.probableCause()).isEmpty();
      assertThat(diagnosed.notes()).anySatisfy(n -> assertThat(n)
          .startsWith(ProbableCause.NO_EVIDENCE).contains(expect.noteContains()));
    }
  }

  private static void good(Attribution a, int seconds) {
    a.accept(result("checkout", ProbeType.CHECKOUT, "production", seconds, Optional.empty()));
  }

  private static ConfigChange change(int seconds, String before, String after) {
    return new ConfigChange("gateway-config", "production", T.plusSeconds(seconds),
        List.of(new FieldChange("$.request_signing", before, after)));
  }

  private static ProbeResult gatewayFailed(String probe, int seconds) {
    return result(probe, ProbeType.GATEWAY_CONFIG, "production", seconds, Optional.of(new Failure(
        probe, "payment-gateway", FailureReason.ASSERTION, "json $.request_signing equals",
        Optional.empty(), Optional.empty(), Optional.empty())));
  }

  private static ProbeResult checkoutFailed(String step, String env, int seconds) {
    return result("checkout", ProbeType.CHECKOUT, env, seconds, Optional.of(new Failure(step,
        "", FailureReason.STATUS, "status: expected 200, got 500", Optional.of("200"),
        Optional.of("500"), Optional.empty())));
  }

  private static ProbeResult result(String probe, ProbeType type, String env, int seconds,
      Optional<Failure> failure) {
    ResultBuilder result = Results.result(probe, env).type(type.wireName())
        .at(T.plusSeconds(seconds)).took(Duration.ofMillis(120));
    failure.ifPresent(result::failure);
    return result.build();
  }
}
