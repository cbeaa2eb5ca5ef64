package io.cartprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Timings;
import io.cartprobe.result.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code run} prints for a result: the headline's times, attempts, extracted values. */
class TextReportTest {

  private static StepResult ok(String name, long millis, Map<String, String> extracted) {
    return new StepResult(name, "orders-service", StepStatus.PASSED, "POST", "http://shop/" + name,
        Optional.of(200), Duration.ofMillis(millis), Timings.NONE, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), extracted);
  }

  private static StepResult skipped(String name) {
    return new StepResult(name, "orders-service", StepStatus.SKIPPED, "POST", "http://shop/" + name,
        Optional.empty(), Duration.ZERO, Timings.NONE, List.of(), Optional.empty(),
        Optional.of("skipped: template {{order_id}} has no value"), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private static Map<String, String> inOrder(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static ProbeResult result(int attempts, Duration total, List<StepResult> cleanup) {
    return new ProbeResult("checkout", "staging", io.cartprobe.config.ProbeType.CHECKOUT, Instant.parse("2026-01-02T03:04:05Z"),
        total, Verdict.SUCCESS, attempts, "5bc164d33003950c63205aa55597f656",
        List.of(ok("create_cart", 40, inOrder("cart_id", "cart_1", "session", "***")),
            ok("get_order", 51, Map.of())),
        Optional.empty(), cleanup, List.of(), Map.of(), Optional.empty());
  }

  private static String print(ProbeResult result, boolean verbose) {
    StringWriter out = new StringWriter();
    new TextReport(new PrintWriter(out, true), false, verbose).print(List.of(result));
    return out.toString();
  }

  @Test
  void theHeadlineSaysTheStepsTimeAndTheRunsWallTime() {
    String text = print(result(1, Duration.ofMillis(1080), List.of(ok("void_order", 5, Map.of()))), false);

    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(
        "PASS  checkout @ staging  91ms in steps, 1.08s total  trace 5bc164d33003950c63205aa55597f656");
    assertThat(text).contains("  cleanup: void_order  orders-service  ok      200   5ms\n");
  }

  @Test
  void aRetriedRunLabelsEachAttemptsCleanup() {
    String text = print(result(2, Duration.ofMillis(2820),
        List.of(skipped("void_order"), ok("void_order", 10, Map.of()))), false);

    assertThat(text).contains("91ms in steps, 2.82s total, attempts 2  trace ")
        .containsPattern("cleanup: void_order \\(attempt 1\\)\\s+orders-service\\s+skip\n")
        .containsPattern("cleanup: void_order \\(attempt 2\\)\\s+orders-service\\s+ok\\s+200\\s+10ms\n");
  }

  @Test
  void verboseShowsWhatEachStepExtracted() {
    String text = print(result(1, Duration.ofMillis(100), List.of()), true);

    assertThat(text).contains("  create_cart  orders-service  ok      200   40ms\n"
        + "      extracted  cart_id=cart_1  session=***\n");
    assertThat(text.lines().filter(l -> l.contains("extracted"))).hasSize(1);
  }

  @Test
  void aFailedCheckoutPrintsWhatItsProvidersStatusPageSays() {
    var incident = new io.cartprobe.result.ProviderStatus.ProviderIncident(
        "Elevated declines for Amex", "investigating", "minor",
        Instant.parse("2026-01-02T03:01:00Z"), "https://stspg.io/p31zjtct2jer",
        List.of("Card payments"), "We are investigating.");
    ProbeResult failed = io.cartprobe.testing.Results.paymentRejected("checkout", "production",
        Instant.parse("2026-01-02T03:04:05Z")).withProviderStatus(List.of(
            new io.cartprobe.result.ProviderStatus("psp-status", "production",
                "https://status.example-psp.com", Map.of("Card payments", "partial_outage"),
                List.of(incident))));

    assertThat(print(failed, false)).contains(
        "  provider status: 'Elevated declines for Amex' (investigating, minor) since 03:01Z "
            + "https://stspg.io/p31zjtct2jer\n",
        "  provider status: Card payments partial_outage\n");
    assertThat(print(io.cartprobe.testing.Results.paymentRejected("checkout", "production",
        Instant.parse("2026-01-02T03:04:05Z")), false)).doesNotContain("provider status");
  }
}
