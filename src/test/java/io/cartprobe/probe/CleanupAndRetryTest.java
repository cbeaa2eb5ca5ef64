package io.cartprobe.probe;

import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cleanup always runs; retries only when sending a request again is safe. */
class CleanupAndRetryTest extends ServerTest {

  @Test
  void cleanupRunsAfterAFailedStepWithoutChangingTheVerdict() throws Exception {
    enqueueJson(201, "{\"order_id\": \"o-1\"}");
    enqueue(500, "payment down");
    enqueue(200, "voided");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("order", base() + "/orders").method("PUT").extract("order_id", "$.order_id"))
        .step(step("pay", base() + "/pay").component("payment-gateway"))
        .step(step("confirm", base() + "/confirm"))
        .cleanup(step("void", base() + "/orders/{{order_id}}/void").method("POST"))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(r.failure().orElseThrow().step()).isEqualTo("pay");
    assertThat(r.steps()).extracting(StepResult::status)
        .containsExactly(StepStatus.PASSED, StepStatus.FAILED, StepStatus.SKIPPED);
    assertThat(r.cleanup()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(StepStatus.PASSED);
      assertThat(c.url()).endsWith("/orders/o-1/void");
    });
    take();
    take();
    assertThat(take().getTarget()).isEqualTo("/orders/o-1/void");
  }

  @Test
  void failingCleanupDoesNotFailASuccessfulRun() {
    enqueue(200, "ok");
    enqueue(500, "cleanup broke");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a"))
        .cleanup(step("c", base() + "/c"))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.failure()).isEmpty();
    assertThat(r.cleanup().getFirst().reason()).contains(FailureReason.STATUS);
  }

  @Test
  void cleanupWhoseValueWasNeverExtractedIsSkippedAndNoted() {
    enqueue(500, "down");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("order", base() + "/orders").extract("order_id", "$.id"))
        .cleanup(step("void", base() + "/orders/{{order_id}}/void"))
        .build(), env());

    assertThat(r.cleanup().getFirst().status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(r.notes()).anyMatch(n -> n.contains("cleanup 'void' skipped")
        && n.contains("order_id"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void postWithoutIdempotencyKeyIsNotRetried() {
    enqueue(500, "boom");
    enqueue(201, "would succeed");

    ProbeResult r = Fixtures.runner().run(checkout("p").retries(2)
        .step(step("create_cart", base() + "/carts").method("POST").json(Map.of("sku", "A")))
        .build(), env());

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(r.notes()).anyMatch(n -> n.startsWith("not retried")
        && n.contains("create_cart") && n.contains("Idempotency-Key"));
  }

  @Test
  void postWithIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
    enqueue(500, "boom");
    enqueue(201, "created");

    ProbeResult r = Fixtures.runner().run(checkout("p").retries(1)
        .step(step("create_cart", base() + "/carts").method("POST")
            .header("Idempotency-Key", "{{uuid}}").json(Map.of("sku", "A")))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.attempts()).isEqualTo(2);
    String first = take().getHeaders().get("Idempotency-Key");
    String second = take().getHeaders().get("Idempotency-Key");
    assertThat(first).matches("[0-9a-f-]{36}").isEqualTo(second);
    assertThat(r.notes()).anyMatch(n -> n.startsWith("attempt 1 failed at step 'create_cart'"));
  }

  @Test
  void getFlowFailingThenPassingSucceedsOnTheSecondAttempt() {
    enqueue(503, "busy");
    enqueue(200, "ok");

    ProbeResult r = Fixtures.runner().run(checkout("p").retries(1)
        .step(step("catalog", base() + "/catalog")).build(), env());

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void retriesAreBoundedByTheProbesSetting() {
    for (int i = 0; i < 4; i++) {
      enqueue(503, "busy");
    }

    ProbeResult r = Fixtures.runner().run(checkout("p").retries(2)
        .step(step("catalog", base() + "/catalog")).build(), env());

    assertThat(r.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
  }

  @Test
  void postThatNeverReachedTheServerMayBeRetried() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }

    ProbeResult r = Fixtures.runner().run(checkout("p").retries(1)
        .step(step("create", "http://127.0.0.1:" + port + "/carts").method("POST")
            .expect(expect()))
        .build(), env());

    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.CONNECT);
  }
}
