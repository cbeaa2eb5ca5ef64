package io.cartprobe.probe;

import io.cartprobe.result.Failure;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import static io.cartprobe.probe.Fixtures.env;
import static io.cartprobe.probe.Fixtures.expect;
import static io.cartprobe.probe.Fixtures.gatewayConfig;
import static io.cartprobe.probe.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.JsonCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gateway-config run records its watched JSONPaths' values, whatever the verdict. */
class WatchedValuesTest extends ServerTest {

  private static final List<String> WATCH =
      List.of("$.api_version", "$.merchant", "$.webhook_url", "$.missing");

  private ProbeResult run(Fixtures.ExpectBuilder expect) {
    return Fixtures.runner().run(gatewayConfig("gateway-config",
        step("gateway-config", base() + "/v1/account/config").expect(expect).build(), WATCH),
        env(Map.of(), Map.of(), Map.of("gateway_key", "sk_live_secret")));
  }

  @Test
  void presentPathsAreRecordedAsCanonicalJsonAndAbsentOnesLeftOut() {
    enqueueJson(200, """
        {"api_version": "2024-04-10", "webhook_url": null,
         "merchant": {"id": "m_1", "currencies": ["USD", "EUR"], "active": true}}""");

    ProbeResult r = run(expect().status(200));

    assertThat(r.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(r.watched()).containsExactly(
        Map.entry("$.api_version", "\"2024-04-10\""),
        Map.entry("$.merchant", "{\"active\":true,\"currencies\":[\"USD\",\"EUR\"],\"id\":\"m_1\"}"),
        Map.entry("$.webhook_url", "null"));
  }

  @Test
  void keyOrderDoesNotChangeTheRecordedText() {
    enqueueJson(200, "{\"merchant\": {\"b\": 2, \"a\": 1}}");
    enqueueJson(200, "{\"merchant\": {\"a\": 1, \"b\": 2}}");

    assertThat(run(expect()).watched()).isEqualTo(run(expect()).watched());
  }

  @Test
  void aFailedCheckStillRecordsTheValuesThatFailedIt() {
    enqueueJson(200, "{\"api_version\": \"2024-05-09\"}");

    ProbeResult r = run(expect().json("$.api_version", new JsonCheck.Equals("2024-04-10")));

    assertThat(r.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(r.watched()).containsExactly(Map.entry("$.api_version", "\"2024-05-09\""));
  }

  @Test
  void aBodyThatIsNotJsonRecordsNothing() {
    enqueue(502, "<html>bad gateway</html>");

    assertThat(run(expect()).watched()).isEmpty();
  }

  @Test
  void watchedValuesAreRedacted() {
    enqueueJson(200, "{\"webhook_url\": \"https://shop.example.com/hooks?key=sk_live_secret\"}");

    assertThat(run(expect()).watched())
        .containsEntry("$.webhook_url", "\"https://shop.example.com/hooks?key=***\"");
  }

  @Test
  void aRefusedApiKeyIsStatusWithAClearMessage() {
    enqueueJson(401, "{\"error\": {\"type\": \"invalid_request_error\", "
        + "\"message\": \"Invalid API Key provided: sk_live_****cret\"}}");

    ProbeResult r = run(expect().status(200));

    Failure f = r.failure().orElseThrow();
    assertThat(f.reason()).isEqualTo(FailureReason.STATUS);
    assertThat(f.message()).isEqualTo("expected status 200, got 401 (credentials refused: "
        + "API key missing, invalid, revoked or expired)");
  }
}
