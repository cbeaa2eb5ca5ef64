package io.cartprobe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.trace.OtlpHttpReceiver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar exports traces: the OpenTelemetry SDK finds its OTLP exporter and HTTP sender
 * through service files, which shading must keep. `run` against the demo, with the standard
 * environment, leaves the run's trace at a real OTLP receiver before it exits.
 */
class TracingIT {

  @Test
  void runExportsItsTraceBeforeExiting() throws Exception {
    try (JarProcess demo = JarProcess.start(Map.of(), "demo", "--port", "0", "--no-agent");
        OtlpHttpReceiver collector = OtlpHttpReceiver.start()) {
      String demoUrl = demo.awaitUrl(JarProcess.DEMO_URL);

      JarProcess.Outcome run = JarProcess.run(Map.of("CARTPROBE_DEMO_URL", demoUrl,
              "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
              "OTEL_SERVICE_NAME", "cartprobe-it"),
          "run", "-c", JarProcess.projectDir().resolve("probes.yaml").toString(),
          "-p", "checkout", "-e", "production", "-o", "json");

      // The trace is the subject, not the verdict: on a busy machine a cold run can miss
      // probes.yaml's 1 s latency budget, and a run that failed on latency exports its trace too.
      JsonNode result = new ObjectMapper().readTree(run.stdout()).path("results").get(0);
      assertThat(run.exitCode()).as(run.toString()).isIn(0, 1);
      if (run.exitCode() == 1) {
        assertThat(result.path("failure").path("reason").asText()).as(run.toString())
            .isEqualTo("latency");
      }
      String traceId = result.path("trace_id").asText();
      assertThat(collector.spansOf(traceId)).as(run.toString())
          .extracting(s -> s.span().getName())
          // probes.yaml's checkout has a payment_method matrix: its first variant comes first
          .contains("checkout[visa] @ production", "create_cart", "authorize_payment");
      assertThat(collector.spansOf(traceId)).allSatisfy(s ->
          assertThat(s.resource()).containsEntry("service.name", "cartprobe-it"));
    }
  }
}
