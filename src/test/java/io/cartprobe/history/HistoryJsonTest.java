package io.cartprobe.history;

import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejectedAfterSigningChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryJsonTest {

  static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  static final ObjectMapper MAPPER = new ObjectMapper();

  final TestClock clock = new TestClock(T0);
  final RunHistory history = new RunHistory(clock);

  HistoryJsonTest() {
    for (int i = 0; i < 120; i++) {
      Instant at = T0.plusSeconds(60L * i);
      history.record(i >= 118
          ? paymentRejectedAfterSigningChange("checkout", "production", at, Duration.ofMillis(268))
          : ok("checkout", "production", at, Duration.ofMillis(120)));
      history.record(ok("checkout", "staging", at, Duration.ofMillis(90)));
    }
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.FIRING, T0.plusSeconds(60L * 119));
    clock.advance(Duration.ofHours(2));
  }

  JsonNode get(String query, int status) throws Exception {
    HistoryJson.Response response = HistoryJson.respond(history, query);
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    return MAPPER.readTree(response.body());
  }

  @Test
  void answersOnePairSinceARelativeDuration() throws Exception {
    JsonNode body = get("probe=checkout&env=production&since=5m", 200);

    assertThat(body.get("since").asText()).isEqualTo(T0.plus(Duration.ofMinutes(115)).toString());
    assertThat(body.get("pairs")).hasSize(1);
    JsonNode pair = body.get("pairs").get(0);
    assertThat(pair.get("probe").asText()).isEqualTo("checkout");
    assertThat(pair.get("env").asText()).isEqualTo("production");
    assertThat(pair.get("failing_since").asText()).isEqualTo(T0.plusSeconds(60L * 118).toString());
    JsonNode runs = pair.get("runs");
    assertThat(runs).hasSize(5);
    JsonNode last = runs.get(4);
    assertThat(last.get("verdict").asText()).isEqualTo("failure");
    assertThat(last.get("duration_seconds").asDouble()).isEqualTo(0.268);
    assertThat(last.at("/failure/step").asText()).isEqualTo("authorize_payment");
    assertThat(last.at("/failure/component").asText()).isEqualTo("payment-gateway");
    assertThat(last.at("/failure/reason").asText()).isEqualTo("status");
    assertThat(last.at("/failure/http_status").asInt()).isEqualTo(500);
    assertThat(last.at("/failure/classification").asText()).isEqualTo("gateway_rejected");
    assertThat(last.get("probable_cause").asText()).contains("gateway-config changed");
    assertThat(runs.get(0).get("failure").isNull()).isTrue();
    assertThat(pair.get("alert_transitions").get(0).get("state").asText()).isEqualTo("firing");
  }

  @Test
  void withoutFiltersAnswersEveryPairForTheLastHour() throws Exception {
    JsonNode body = get("", 200);
    assertThat(body.get("pairs")).extracting(p -> p.get("env").asText())
        .containsExactly("production", "staging");
    assertThat(body.get("pairs").get(1).get("runs")).hasSize(60); // one a minute
  }

  @Test
  void anIsoSinceAndALimitKeepTheNewestRuns() throws Exception {
    JsonNode body = get("env=staging&since=" + T0 + "&limit=3", 200);
    JsonNode runs = body.get("pairs").get(0).get("runs");
    assertThat(runs).extracting(r -> r.get("started_at").asText())
        .containsExactly(T0.plusSeconds(60 * 117).toString(), T0.plusSeconds(60 * 118).toString(),
            T0.plusSeconds(60 * 119).toString());
  }

  @Test
  void anUnknownPairAnswersNoPairs() throws Exception {
    assertThat(get("probe=nope", 200).get("pairs")).isEmpty();
  }

  @Test
  void badParametersAnswer400WithAMessage() throws Exception {
    assertThat(get("since=yesterday", 400).at("/error/message").asText())
        .contains("since").contains("yesterday");
    assertThat(get("limit=-1", 400).at("/error/message").asText()).contains("limit");
    assertThat(get("prob=checkout", 400).at("/error/message").asText())
        .contains("unknown parameter 'prob'");
  }

  @Test
  void percentEncodedValuesAreDecoded() {
    HistoryQuery.Parsed parsed = HistoryQuery.parse("since=2026-05-09T10%3A00%3A00Z&probe=a%20b", T0);
    assertThat(parsed).isEqualTo(new HistoryQuery.Valid(new HistoryQuery(
        java.util.Optional.of("a b"), java.util.Optional.empty(), T0,
        java.util.Optional.empty())));
    assertThat(List.of(HistoryQuery.parse((String) null, T0)))
        .first().isInstanceOf(HistoryQuery.Valid.class);
  }
}
