package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import io.cartprobe.trace.OtlpHttpReceiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cartprobe run} with the OTEL_* environment against the demo: by the time it exits,
 * every run's trace is at the collector, under the trace id `run -o json` printed.
 */
class RunTracesTest {

  private static final Path PROBES_YAML = Path.of("probes.yaml").toAbsolutePath();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private DemoShop demo;
  private OtlpHttpReceiver collector;

  @AfterEach
  void stop() {
    if (demo != null) {
      demo.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private int run(Map<String, String> otel, String... args) throws Exception {
    demo = new DemoShop(0, Set.of(Fault.GATEWAY_CONFIG)).start();
    Map<String, String> env = new HashMap<>(otel);
    env.put("CARTPROBE_DEMO_URL", demo.baseUrl());
    CliContext context = new CliContext(env, PROBES_YAML.getParent(), Terminal.PLAIN,
        Clock.systemUTC());
    String[] all = new String[args.length + 2];
    all[0] = "run";
    all[1] = "-c=" + PROBES_YAML;
    System.arraycopy(args, 0, all, 2, args.length);
    return Main.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void everyRunsTraceIsExportedBeforeRunExits() throws Exception {
    collector = OtlpHttpReceiver.start();

    int exit = run(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint()),
        "-p", "checkout", "-e", "production", "-o", "json");

    assertThat(exit).as(err.toString()).isEqualTo(1);
    JsonNode result = new ObjectMapper().readTree(out.toString()).path("results").get(0);
    String traceId = result.path("trace_id").asText();
    List<OtlpHttpReceiver.Received> spans = collector.spansOf(traceId);
    // probes.yaml's checkout has a payment_method matrix: the first result is its first variant
    assertThat(spans).extracting(s -> s.span().getName())
        .contains("checkout[visa] @ production", "create_cart", "authorize_payment");
    OtlpHttpReceiver.Received root = spans.stream()
        .filter(s -> s.span().getName().equals("checkout[visa] @ production")).findFirst().orElseThrow();
    assertThat(root.attributes()).containsEntry("cartprobe.verdict", "failure")
        .containsEntry("cartprobe.variant", "visa")
        .containsEntry("cartprobe.failure.step", "authorize_payment")
        .containsKey("cartprobe.probable_cause");
    // The gateway-config run gathered as evidence was a real run too: its trace is there.
    assertThat(collector.spans()).extracting(s -> s.span().getName())
        .contains("gateway-config @ production");
  }

  @Test
  void invalidOtelSettingsStopRunWithExit2AndTheReason() throws Exception {
    int exit = run(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "udp"), "-p", "checkout", "-e", "production");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("OpenTelemetry settings").contains("udp");
    assertThat(out.toString()).isEmpty();
  }
}
