package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.demo.DemoProbesYaml;
import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cartprobe run} in-process against the demo with the top-level probes.yaml: a checkout
 * failure caused by the gateway-config fault names the gateway-config probe as its probable
 * cause, even when only checkout was selected.
 */
class RunProbableCauseTest {

  /** The top-level probes.yaml, latency budgets relaxed: no verdict here may depend on speed. */
  @TempDir static Path dir;
  private static Path probesYaml;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private DemoShop demo;

  @BeforeAll
  static void relaxedProbesYaml() {
    probesYaml = DemoProbesYaml.relaxed().withoutMatrix().writeTo(dir);
  }

  @AfterEach
  void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  private int run(Set<Fault> faults, String... args) throws Exception {
    demo = new DemoShop(0, faults).start();
    CliContext context = new CliContext(Map.of("CARTPROBE_DEMO_URL", demo.baseUrl()),
        probesYaml.getParent(), Terminal.PLAIN, Clock.systemUTC());
    String[] all = new String[args.length + 2];
    all[0] = "run";
    all[1] = "-c=" + probesYaml;
    System.arraycopy(args, 0, all, 2, args.length);
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void gatewayConfigFaultNamesTheGatewayConfigProbeAsProbableCause() throws Exception {
    int exit = run(Set.of(Fault.GATEWAY_CONFIG), "-p", "checkout", "-e", "production");

    assertThat(exit).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("-> authorize_payment (payment-gateway) failed, reason status, classified gateway_rejected")
        .contains("  probable cause (possible): gateway-config failed: json $.request_signing equals: "
            + "expected \"hmac-sha256\", got \"rsa-pss-sha512\" at ")
        // A one-off run knows no good run: it cannot tell which began first, and says so.
        .contains("     why: authorize_payment (payment-gateway) depends on gateway-config "
            + "(same component); gateway-config has been failing since ")
        // The evidence run is gathered, not printed: only the selected probe's result shows.
        .doesNotContain("gateway-config @ production")
        .contains("1 run: 0 passed, 0 degraded, 1 failed");
  }

  @Test
  void probableCauseIsInTheJsonResult() throws Exception {
    int exit = run(Set.of(Fault.GATEWAY_CONFIG), "-p", "checkout", "-e", "staging", "-o", "json");

    assertThat(exit).isEqualTo(1);
    JsonNode result = new ObjectMapper().readTree(out.toString()).path("results").get(0);
    JsonNode cause = result.path("probable_cause");
    assertThat(cause.path("probe").asText()).isEqualTo("gateway-config");
    assertThat(cause.path("env").asText()).isEqualTo("staging");
    assertThat(cause.path("failure").asText()).contains("$.request_signing");
    assertThat(cause.path("summary").asText()).startsWith("gateway-config failed: ");
    assertThat(cause.path("confidence").asText()).isEqualTo("possible");
    assertThat(cause.path("why").asText()).contains("depends on gateway-config");
  }

  @Test
  void checkoutFailingWithTheGatewayHealthyClaimsNoCause() throws Exception {
    int exit = run(Set.of(Fault.CART_DOWN), "-e", "production");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAIL  checkout @ production")
        .contains("PASS  gateway-config @ production")
        .doesNotContain("probable cause")
        .contains("note: no gateway evidence: create_cart (cart-service) depends on no "
            + "gateway-config probe");
  }
}
