package io.cartprobe.probe;

import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.json.Json;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.StepStatus;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.JsonCheck;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Values carried from one step to the next, the way a customer's session carries them. */
class ExtractionTest extends ServerTest {

  @Test
  void jsonValueFeedsTheNextStepsUrlAndBody() throws Exception {
    enqueueJson(201, "{\"id\": \"cart-42\", \"total\": 10}");
    enqueueJson(200, "{\"status\": \"authorized\"}");

    ProbeResult r = Fixtures.runner().run(checkout("checkout")
        .step(step("create_cart", base() + "/api/carts").method("POST")
            .json(Map.of("sku", "DEMO-SKU-1")).extract("cart_id", "$.id")
            .extract("total", "$.total"))
        .step(step("pay", base() + "/api/carts/{{cart_id}}/payment").method("POST")
            .json(Map.of("cart", "{{cart_id}}", "amount", "{{total}}")))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    take();
    RecordedRequest pay = take();
    assertThat(pay.getTarget()).isEqualTo("/api/carts/cart-42/payment");
    assertThat(pay.getBody().utf8()).contains("\"cart\":\"cart-42\"").contains("\"amount\":\"10\"");
    assertThat(r.steps().get(1).url()).endsWith("/api/carts/cart-42/payment");
  }

  @Test
  void theResultShowsWhatEachStepExtractedWithSecretsMasked() throws Exception {
    enqueueJson(201, "{\"id\": \"cart-42\", \"token\": \"tok-s3cr3t\", \"card\": \"4242424242424242\"}");
    enqueue(200, "ok");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("create_cart", base() + "/api/carts").extract("cart_id", "$.id")
            .extract("token", "$.token", true).extract("card", "$.card"))
        .step(step("pay", base() + "/pay?t={{token}}&c={{cart_id}}"))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.steps().get(0).extracted()).containsExactly(
        Map.entry("cart_id", "cart-42"), Map.entry("token", "***"), Map.entry("card", "***"));
    assertThat(r.steps().get(1).extracted()).isEmpty();
    assertThat(r.steps().get(1).url()).endsWith("/pay?t=***&c=cart-42");
    var json = Json.tree(r).path("steps");
    assertThat(json.get(0).path("extracted").toString())
        .isEqualTo("{\"cart_id\":\"cart-42\",\"token\":\"***\",\"card\":\"***\"}");
    assertThat(json.get(1).has("extracted")).as("only when something was extracted").isFalse();
    assertThat(Json.read(Json.tree(r), ProbeResult.class).steps().get(0).extracted())
        .isEqualTo(r.steps().get(0).extracted());
  }

  @Test
  void headerAndRegexExtraction() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Location", "/orders/o-7")
        .body("<input name=\"csrf\" value=\"tok123\">").build());
    enqueue(200, "ok");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a").extract("where", "header:location")
            .extract("csrf", "regex:name=\"csrf\" value=\"([^\"]+)\"")
            .extract("whole", "regex:tok\\d+"))
        .step(step("b", base() + "{{where}}?csrf={{csrf}}&w={{whole}}"))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    take();
    assertThat(take().getTarget()).isEqualTo("/orders/o-7?csrf=tok123&w=tok123");
  }

  @Test
  void cookieIsCarriedToLaterStepsAndExtractable() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "session=s-99; Path=/")
        .body("ok").build());
    enqueue(200, "ok");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("login", base() + "/login").extract("sid", "cookie:session"))
        .step(step("cart", base() + "/cart?sid={{sid}}"))
        .build(), env());

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    take();
    RecordedRequest cart = take();
    assertThat(cart.getHeaders().get("Cookie")).isEqualTo("session=s-99");
    assertThat(cart.getTarget()).isEqualTo("/cart?sid=s-99");
  }

  @Test
  void cookiesDoNotLeakIntoTheNextRun() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "session=s-1; Path=/")
        .body("ok").build());
    enqueue(200, "ok");
    ProbeRunner runner = Fixtures.runner();
    var probe = checkout("p").step(step("a", base() + "/a")).build();

    runner.run(probe, env());
    runner.run(probe, env());

    take();
    assertThat(take().getHeaders().get("Cookie")).isNull();
  }

  @Test
  void missingValueFailsWithExtract() {
    enqueueJson(200, "{\"other\": 1}");
    enqueue(200, "never");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("a", base() + "/a").component("cart-service").extract("cart_id", "$.id"))
        .step(step("b", base() + "/b/{{cart_id}}"))
        .build(), env());

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.EXTRACT);
    assertThat(f.step()).isEqualTo("a");
    assertThat(f.message()).contains("cart_id (").contains("id");
    assertThat(r.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void secretExtractedValueIsRedactedInLaterUrlsAndExcerpts() {
    enqueueJson(200, "{\"token\": \"tok-SECRET-77\"}");
    enqueueJson(200, "{\"echo\": \"tok-SECRET-77\", \"ok\": false}");

    ProbeResult r = Fixtures.runner().run(checkout("p")
        .step(step("auth", base() + "/auth").extract("token", "$.token", true))
        .step(step("use", base() + "/use?t={{token}}")
            .expect(expect().json("$.ok", new JsonCheck.Equals(true))))
        .build(), env());

    StepResult use = r.steps().get(1);
    assertThat(use.url()).endsWith("/use?t=***");
    assertThat(use.bodyExcerpt().orElseThrow()).contains("***").doesNotContain("tok-SECRET-77");
    assertThat(r.toString()).doesNotContain("tok-SECRET-77");
  }
}
