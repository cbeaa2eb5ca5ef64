package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A status failure as {@code run} prints it, against the demo: its check is named once. */
class RunWordingTest {

  private static final Path PROBES_YAML = Path.of("probes.yaml").toAbsolutePath();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private DemoShop demo;

  @BeforeEach
  void startDemo() throws Exception {
    demo = new DemoShop(0, Set.of(Fault.GATEWAY_CONFIG)).start();
  }

  @AfterEach
  void stopDemo() {
    demo.close();
  }

  private int run(String... args) {
    CliContext context = new CliContext(Map.of("CARTPROBE_DEMO_URL", demo.baseUrl()),
        PROBES_YAML.getParent(), Terminal.PLAIN, Clock.systemUTC());
    String[] all = new String[args.length + 2];
    all[0] = "run";
    all[1] = "-c=" + PROBES_YAML;
    System.arraycopy(args, 0, all, 2, args.length);
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void theTextReportSaysExpectedStatusOnce() {
    assertThat(run("-p", "checkout", "-e", "production")).as(err.toString()).isEqualTo(1);

    assertThat(out.toString())
        .contains("-> authorize_payment (payment-gateway) failed, reason status, classified gateway_rejected\n"
            + "     expected status 200, got 500\n")
        .doesNotContain("status: status")
        .doesNotContain("status: expected");
  }

  @Test
  void theJunitFailureNamesTheComponentAndTheMessage() {
    assertThat(run("-p", "checkout", "-e", "production", "-o", "junit")).isEqualTo(1);

    assertThat(out.toString())
        .contains("<failure type=\"status\" message=\"payment-gateway: expected status 200, got 500\"")
        .doesNotContain("status: status");
  }
}
