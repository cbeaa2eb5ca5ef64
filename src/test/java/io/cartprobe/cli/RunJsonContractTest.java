package io.cartprobe.cli;

import io.cartprobe.config.ProbeType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbableCause;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import io.cartprobe.result.json.Json;
import io.cartprobe.testing.ContractFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code run -o json} prints what cartprobe 0.1.0 printed, byte for byte. */
class RunJsonContractTest {

  static String print(List<ProbeResult> results) throws Exception {
    StringWriter out = new StringWriter();
    JsonReport.print(new PrintWriter(out, true), results);
    return out.toString();
  }

  static List<ProbeResult> read(String report) throws Exception {
    List<ProbeResult> results = new ArrayList<>();
    for (JsonNode node : Json.parse(report).path("results")) {
      results.add(Json.read(node, ProbeResult.class));
    }
    return results;
  }

  @Test
  void aFailingCheckoutWithItsCauseAndAPassingGatewayProbeReadBackAndPrintTheSame()
      throws Exception {
    String released = ContractFiles.text("run-checkout-failing.json");

    List<ProbeResult> results = read(released);

    assertThat(results).extracting(ProbeResult::probe, ProbeResult::verdict).containsExactly(
        tuple("checkout", Verdict.FAILURE),
        tuple("gateway-account", Verdict.SUCCESS));
    assertThat(results.getFirst().probableCause().orElseThrow().probe()).isEqualTo("gateway-config");
    assertThat(results.get(1).watched()).containsEntry("$.mode", "\"live\"");
    assertThat(print(results)).startsWith("{\n  \"schema_version\" : 1,\n  \"results\" : [");
    assertThat(ContractFiles.withoutAdditions(print(results))).isEqualTo(released);
  }

  @Test
  void everyFieldOfTheResultModelPrintsAs010PrintedIt() throws Exception {
    assertThat(ContractFiles.withoutAdditions(print(List.of(everyField(), minimal()))))
        .isEqualTo(ContractFiles.text("run-every-field.json"));
    assertThat(read(ContractFiles.text("run-every-field.json"))).containsExactly(everyField(), minimal());
  }

  /**
   * A result with every optional part present, and durations Jackson writes in E notation. Made
   * with the records' own constructors, not the test builders: a component added to the model
   * has to be added here, and to the fixture, on purpose.
   */
  static ProbeResult everyField() {
    Instant at = Instant.parse("2026-05-09T17:00:10.123456789Z");
    StepResult passed = new StepResult("create_cart", "cart-service", StepStatus.DEGRADED, "POST",
        "https://shop.example.com/api/carts", Optional.of(201), Duration.ofNanos(412_000_001),
        new Timings(Duration.ofNanos(1_500), Duration.ofMillis(3), Duration.ofNanos(12_345_678),
            Duration.ofNanos(77), Duration.ofMillis(400), Duration.ofSeconds(2)),
        List.of(new AssertionResult("status", "201", "201", true),
            new AssertionResult("degraded_latency", "<= 400ms", "412ms", false)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Instant.parse("2027-01-01T00:00:00Z")));
    StepResult failed = new StepResult("authorize_payment", "payment-gateway", StepStatus.FAILED,
        "POST", "https://shop.example.com/api/carts/c1/payment", Optional.of(500),
        Duration.ofMillis(9), Timings.NONE,
        List.of(new AssertionResult("status", "200", "500", false)),
        Optional.of(FailureReason.STATUS), Optional.of("status: expected 200, got 500"),
        Optional.of("{\"error\":{\"type\":\"database_error\",\"card\":\"***\"},\"note\":\"ünïcødé \\u2028 </script>\"}"),
        Optional.of("gateway_rejected"), Optional.of(Instant.parse("2026-06-01T12:30:00.5Z")));
    StepResult cleanup = new StepResult("void_order", "orders-service", StepStatus.FAILED, "POST",
        "https://shop.example.com/api/orders/o1/void", Optional.empty(), Duration.ofSeconds(10),
        Timings.NONE, List.of(), Optional.of(FailureReason.TIMEOUT),
        Optional.of("timed out after 10s"), Optional.empty(), Optional.empty(), Optional.empty());
    Map<String, String> watched = new LinkedHashMap<>();
    watched.put("$.request_signing", "\"rsa-pss-sha512\"");
    watched.put("$.merchant", "{\"currencies\":[\"USD\"],\"id\":\"m_1\"}");
    return new ProbeResult("checkout", "production", ProbeType.CHECKOUT, at, Duration.ofNanos(268_000_009),
        Verdict.FAILURE, 2, "4bf92f3577b34da6a3ce929d0e0e4736",
        List.of(passed, failed, StepResult.skipped("get_order", "orders-service", "GET")),
        Optional.of(new Failure("authorize_payment", "payment-gateway", FailureReason.STATUS,
            "status: expected 200, got 500", Optional.of("200"), Optional.of("500"),
            Optional.of("gateway_rejected"))),
        List.of(cleanup), List.of("retried once: connect reset", "cleanup 'void_order' failed"),
        watched,
        Optional.of(new ProbableCause("gateway-config", "production",
            Instant.parse("2026-05-09T17:00:03Z"),
            List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""),
                new FieldChange("$.webhook_url", "(absent)", "\"https://x\"")),
            Optional.of("json $.charges_enabled equals: expected true, got false"),
            ProbableCause.Confidence.POSSIBLE, "")));
  }

  /** The other end: nothing optional, no steps, failure absent, a cause that only failed. */
  static ProbeResult minimal() {
    return new ProbeResult("gateway-health", "staging", ProbeType.GATEWAY_CONFIG,
        Instant.parse("2026-05-09T17:00:00Z"), Duration.ZERO, Verdict.SUCCESS, 1, "",
        List.of(), Optional.empty(), List.of(), List.of(), Map.of(),
        Optional.of(new ProbableCause("gateway-config", "staging",
            Instant.parse("2026-05-09T17:00:00Z"), List.of(), Optional.empty(),
            ProbableCause.Confidence.POSSIBLE, "")));
  }
}
