package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.StepResult;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.checkout;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.JsonCheck;
import io.cartprobe.config.JsonCheck.Comparison;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code expect} form, passing and failing, against a real response. */
class AssertionsTest extends ServerTest {

  private static final String BODY = """
      {"id": "c-1", "currency": "USD", "total": 12.50, "count": 1, "qty": 1.0,
       "items": [{"sku": "A"}, {"sku": "B"}], "tags": ["new", "sale"],
       "status": "authorized", "meta": {"a": 1, "b": 2}, "nothing": null}
      """;

  static Stream<Arguments> checks() {
    return Stream.of(
        Arguments.of("equals string", expect().json("$.currency", new JsonCheck.Equals("USD")), true),
        Arguments.of("equals string wrong", expect().json("$.currency", new JsonCheck.Equals("EUR")), false),
        Arguments.of("equals int vs 1.0", expect().json("$.qty", new JsonCheck.Equals(1)), true),
        Arguments.of("equals 1.0 vs int", expect().json("$.count", new JsonCheck.Equals(1.0)), true),
        Arguments.of("equals 12.5 vs 12.50", expect().json("$.total", new JsonCheck.Equals(12.5)), true),
        Arguments.of("equals string vs number", expect().json("$.count", new JsonCheck.Equals("1")), false),
        Arguments.of("equals null", expect().json("$.nothing", new JsonCheck.Equals(null)), true),
        Arguments.of("equals list", expect().json("$.tags", new JsonCheck.Equals(List.of("new", "sale"))), true),
        Arguments.of("equals map", expect().json("$.meta", new JsonCheck.Equals(Map.of("a", 1, "b", 2.0))), true),
        Arguments.of("equals absent", expect().json("$.missing", new JsonCheck.Equals("x")), false),
        Arguments.of("not_equals", expect().json("$.status", new JsonCheck.NotEquals("declined")), true),
        Arguments.of("not_equals same", expect().json("$.status", new JsonCheck.NotEquals("authorized")), false),
        Arguments.of("exists true", expect().json("$.id", new JsonCheck.Exists(true)), true),
        Arguments.of("exists true missing", expect().json("$.nope", new JsonCheck.Exists(true)), false),
        Arguments.of("exists false", expect().json("$.nope", new JsonCheck.Exists(false)), true),
        Arguments.of("exists false present", expect().json("$.id", new JsonCheck.Exists(false)), false),
        Arguments.of("exists indefinite", expect().json("$.items[?(@.sku == 'B')]", new JsonCheck.Exists(true)), true),
        Arguments.of("exists indefinite none", expect().json("$.items[?(@.sku == 'Z')]", new JsonCheck.Exists(true)), false),
        Arguments.of("gt", expect().json("$.total", cmp(Comparison.GT, "12")), true),
        Arguments.of("gt equal", expect().json("$.total", cmp(Comparison.GT, "12.5")), false),
        Arguments.of("gte", expect().json("$.total", cmp(Comparison.GTE, "12.5")), true),
        Arguments.of("gte more", expect().json("$.total", cmp(Comparison.GTE, "13")), false),
        Arguments.of("lt", expect().json("$.count", cmp(Comparison.LT, "2")), true),
        Arguments.of("lt equal", expect().json("$.count", cmp(Comparison.LT, "1")), false),
        Arguments.of("lte", expect().json("$.count", cmp(Comparison.LTE, "1")), true),
        Arguments.of("lte less", expect().json("$.count", cmp(Comparison.LTE, "0.5")), false),
        Arguments.of("gt on a string", expect().json("$.currency", cmp(Comparison.GT, "0")), false),
        Arguments.of("in", expect().json("$.status", new JsonCheck.In(List.of("authorized", "captured"))), true),
        Arguments.of("in numbers by value", expect().json("$.count", new JsonCheck.In(List.of(1.0, 2))), true),
        Arguments.of("in missing", expect().json("$.status", new JsonCheck.In(List.of("declined"))), false),
        Arguments.of("matches", expect().json("$.id", new JsonCheck.Matches(com.google.re2j.Pattern.compile("c-\\d+"))), true),
        Arguments.of("matches is whole", expect().json("$.id", new JsonCheck.Matches(com.google.re2j.Pattern.compile("c"))), false),
        Arguments.of("contains substring", expect().json("$.status", new JsonCheck.Contains("thor")), true),
        Arguments.of("contains substring missing", expect().json("$.status", new JsonCheck.Contains("decl")), false),
        Arguments.of("contains element", expect().json("$.tags", new JsonCheck.Contains("sale")), true),
        Arguments.of("contains element missing", expect().json("$.tags", new JsonCheck.Contains("old")), false),
        Arguments.of("length string", expect().json("$.currency", new JsonCheck.Length(3)), true),
        Arguments.of("length array", expect().json("$.items", new JsonCheck.Length(2)), true),
        Arguments.of("length object", expect().json("$.meta", new JsonCheck.Length(2)), true),
        Arguments.of("length wrong", expect().json("$.items", new JsonCheck.Length(3)), false),
        Arguments.of("header", expect().header("content-type", "application/json.*"), true),
        Arguments.of("header mismatch", expect().header("Content-Type", "text/html"), false),
        Arguments.of("header absent", expect().header("X-Nope", ".*"), false),
        Arguments.of("body contains", expect().bodyContains("authorized"), true),
        Arguments.of("body contains missing", expect().bodyContains("declined"), false),
        Arguments.of("body not_contains", expect().bodyNotContains("error"), true),
        Arguments.of("body not_contains present", expect().bodyNotContains("USD"), false),
        Arguments.of("body matches anywhere", expect().bodyMatches("\"total\": \\d+\\.\\d+"), true),
        Arguments.of("body matches none", expect().bodyMatches("\"total\": -\\d"), false));
  }

  private static JsonCheck cmp(Comparison op, String bound) {
    return new JsonCheck.Compare(op, new BigDecimal(bound));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void eachCheckPassesOrFailsWithReasonAssertion(String name, Fixtures.ExpectBuilder expect,
      boolean passes) {
    enqueueJson(200, BODY);

    ProbeResult result = Fixtures.runner().run(
        checkout("p").step(step("s", base() + "/x").expect(expect)).build(), env());

    StepResult s = result.steps().getFirst();
    AssertionResult check = s.assertions().get(1); // after "status"
    assertThat(check.passed()).as(check.toString()).isEqualTo(passes);
    assertThat(check.expected()).isNotBlank();
    assertThat(check.actual()).isNotBlank();
    if (passes) {
      assertThat(result.verdict()).isEqualTo(Verdict.SUCCESS);
    } else {
      assertThat(result.verdict()).isEqualTo(Verdict.FAILURE);
      Failure f = result.failure().orElseThrow();
      assertThat(f.reason()).isEqualTo(FailureReason.ASSERTION);
      assertThat(f.expected()).contains(check.expected());
      assertThat(f.actual()).contains(check.actual());
      assertThat(s.bodyExcerpt()).isPresent();
    }
  }

  @org.junit.jupiter.api.Test
  void failedJsonCheckNamesExpectedAndActual() {
    enqueueJson(200, BODY);

    ProbeResult result = Fixtures.runner().run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().json("$.currency", new JsonCheck.Equals("EUR")))).build(), env());

    assertThat(result.steps().getFirst().assertions()).contains(
        new AssertionResult("json $.currency equals", "\"EUR\"", "\"USD\"", false));
  }

  @org.junit.jupiter.api.Test
  void defaultStatusIs2xx() {
    enqueue(204, "");
    enqueue(500, "oops");
    ProbeResult ok = Fixtures.runner().run(
        checkout("p").step(step("s", base() + "/x")).build(), env());
    ProbeResult failed = Fixtures.runner().run(
        checkout("p").step(step("s", base() + "/x")).build(), env());

    assertThat(ok.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(failed.failure().orElseThrow())
        .extracting(Failure::reason, Failure::expected, Failure::actual)
        .containsExactly(FailureReason.STATUS, java.util.Optional.of("2xx"),
            java.util.Optional.of("500"));
    assertThat(failed.steps().getFirst().httpStatus()).contains(500);
  }

  @org.junit.jupiter.api.Test
  void statusListAndClass() {
    enqueue(201, "");
    enqueue(202, "");
    enqueue(404, "");
    var runner = Fixtures.runner();

    assertThat(runner.run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().status(200, 201))).build(), env()).verdict()).isEqualTo(Verdict.SUCCESS);
    ProbeResult wrong = runner.run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().status(200, 201))).build(), env());
    assertThat(wrong.failure().orElseThrow().expected()).contains("[200, 201]");
    assertThat(runner.run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().statusClass(4))).build(), env()).verdict()).isEqualTo(Verdict.SUCCESS);
  }

  @org.junit.jupiter.api.Test
  void statusWinsOverOtherFailedChecks() {
    enqueue(502, "<html>bad gateway</html>");

    ProbeResult result = Fixtures.runner().run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().json("$.id", new JsonCheck.Exists(true)))).build(), env());

    assertThat(result.failure().orElseThrow().reason()).isEqualTo(FailureReason.STATUS);
  }

  @org.junit.jupiter.api.Test
  void maxLatencyFailsASlowStepAndPassesAFastOne() {
    server.enqueue(new MockResponse.Builder().body("slow")
        .headersDelay(300, TimeUnit.MILLISECONDS).build());
    enqueue(200, "fast");
    var runner = Fixtures.runner();

    ProbeResult slow = runner.run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().maxLatency(java.time.Duration.ofMillis(100)))).build(), env());
    ProbeResult fast = runner.run(checkout("p").step(step("s", base() + "/x")
        .expect(expect().maxLatency(java.time.Duration.ofSeconds(30)))).build(), env());

    Failure f = slow.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.LATENCY);
    assertThat(f.expected()).contains("<= 100ms");
    assertThat(fast.verdict()).isEqualTo(Verdict.SUCCESS);
  }
}
