package io.cartprobe.history;

import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.Verdict;
import io.cartprobe.result.json.Json;
import io.cartprobe.statuspage.StatusRow;
import io.cartprobe.statuspage.StatusState;
import io.cartprobe.testing.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each variant has its history; the state file and /api/history name it, old files read as "". */
class VariantHistoryTest {

  static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");

  final RunHistory history = new RunHistory(new TestClock(T0.plusSeconds(600)));

  VariantHistoryTest() {
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plusSeconds(60L * i);
      history.record(ok("checkout", "production", at).withVariant("visa"));
      history.record(paymentRejected("checkout", "production", at.plusSeconds(1)).withVariant("amex"));
      history.record(ok("gateway-config", "production", at));
    }
  }

  @Test
  void eachVariantIsAPairOfItsOwn() {
    assertThat(history.keys()).containsExactly(new HistoryKey("checkout", "production", "amex"),
        new HistoryKey("checkout", "production", "visa"), new HistoryKey("gateway-config", "production"));
    assertThat(history.state(new HistoryKey("checkout", "production", "amex")).consecutiveFailures()).isEqualTo(3);
    assertThat(history.state(new HistoryKey("checkout", "production", "visa")).consecutiveFailures()).isZero();
    assertThat(history.latest(new HistoryKey("checkout", "production", "amex")).orElseThrow().variant())
        .isEqualTo("amex");
  }

  @Test
  void theSnapshotKeepsVariantsAndASnapshotWithoutThemReadsAsNoVariant() throws Exception {
    JsonNode snapshot = history.snapshot();
    RunHistory restored = new RunHistory(new TestClock(T0.plusSeconds(600)));
    restored.restore(snapshot);
    assertThat(restored.keys()).isEqualTo(history.keys());
    assertThat(restored.records(new HistoryKey("checkout", "production", "amex")))
        .extracting(RunRecord::verdict).containsOnly(Verdict.FAILURE);

    assertThat(snapshot.path("pairs").findValuesAsText("variant")).contains("amex", "visa");
    ObjectNode old = (ObjectNode) Json.parse(Json.write(snapshot));
    old.withArray("pairs").forEach(p -> {
      ((ObjectNode) p).remove("variant");
      ((ObjectNode) p).remove("latest");
    });
    assertThat(Json.write(old)).doesNotContain("\"variant\"");
    RunHistory fromOld = new RunHistory(new TestClock(T0.plusSeconds(600)));
    fromOld.restore(old);
    assertThat(fromOld.keys()).extracting(HistoryKey::variant).containsOnly("");
  }

  @Test
  void apiHistoryNamesTheVariantOnlyWhereThereIsOne() throws Exception {
    JsonNode body = Json.parse(HistoryJson.respond(history, "since=1h").body());
    assertThat(body.path("pairs").findValuesAsText("variant")).containsExactly("amex", "visa");
    assertThat(body.path("pairs").get(2).has("variant")).isFalse();
  }

  @Test
  void theStatusPageGroupsTheVariantsInOneRowNamingTheFailingOnes() {
    StatusRow row = StatusRow.grouped(history, "checkout", "production", "checkout",
        List.of("visa", "mastercard", "amex"), List.of("checkout-failing [amex]"), Optional.empty());

    assertThat(row.state()).isEqualTo(StatusState.FAILING);
    assertThat(row.variant()).isEqualTo("amex");
    assertThat(row.variants()).extracting(StatusRow.VariantState::state)
        .containsExactly(StatusState.PASSING, StatusState.NO_DATA, StatusState.FAILING);
    assertThat(row.variantsLine()).contains("1 of 3 variants failing: amex");
    assertThat(row.summary().consecutiveFailures()).isEqualTo(3);
  }
}
