package io.cartprobe.history;

import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejectedAfterSigningChange;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.state.StateFile;
import io.cartprobe.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

  static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  static final ObjectMapper MAPPER = new ObjectMapper();

  final TestClock clock = new TestClock(T0);

  RunHistory filled() {
    RunHistory history = new RunHistory(clock);
    history.configure("gateway-config", "production", 100);
    for (int i = 0; i < 300; i++) {
      Instant at = T0.plusSeconds(30L * i);
      history.record(i >= 290
          ? paymentRejectedAfterSigningChange("checkout", "production", at, Duration.ofMillis(250 + i))
          : ok("checkout", "production", at, Duration.ofMillis(100 + i % 37)));
      history.record(ok("checkout", "staging", at, Duration.ofMillis(80)));
    }
    history.record(ok("gateway-config", "production", T0, Duration.ofMillis(70)));
    history.recordConfigChange("gateway-config", "production", T0.plusSeconds(8690),
        List.of(new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\"")));
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.FIRING, T0.plusSeconds(8760));
    clock.advance(Duration.ofSeconds(30L * 300));
    return history;
  }

  @Test
  void historySurvivesARestartThroughJsonText() throws Exception {
    RunHistory before = filled();

    String stateFile = MAPPER.writeValueAsString(before.snapshot());
    RunHistory after = new RunHistory(clock);
    int restored = after.restore(MAPPER.readTree(stateFile));

    assertThat(restored).isEqualTo(3);
    assertThat(after.keys()).isEqualTo(before.keys());
    assertThat(after.summaries()).isEqualTo(before.summaries());
    for (HistoryKey key : before.keys()) {
      assertThat(after.records(key.probe(), key.environment()))
          .isEqualTo(before.records(key.probe(), key.environment()));
      assertThat(after.latest(key.probe(), key.environment()))
          .isEqualTo(before.latest(key.probe(), key.environment()));
      assertThat(after.configChanges(key.probe(), key.environment()))
          .isEqualTo(before.configChanges(key.probe(), key.environment()));
      assertThat(after.alertTransitions(key.probe(), key.environment()))
          .isEqualTo(before.alertTransitions(key.probe(), key.environment()));
    }
    PairSummary checkout = after.summary("checkout", "production");
    assertThat(checkout.failingSince()).hasValue(T0.plusSeconds(30L * 290));
    assertThat(checkout.consecutiveFailures()).isEqualTo(10);
    assertThat(after.summary("gateway-config", "production").capacity()).isEqualTo(100);
  }

  @Test
  void aStreakLongerThanTheRingIsRestoredFromTheSnapshot() throws Exception {
    RunHistory before = new RunHistory(clock, 3);
    for (int i = 0; i < 10; i++) {
      before.record(paymentRejectedAfterSigningChange("p", "e", T0.plusSeconds(i), Duration.ofMillis(1)));
    }
    RunHistory after = new RunHistory(clock, 3);
    after.restore(MAPPER.readTree(MAPPER.writeValueAsString(before.snapshot())));
    assertThat(after.summary("p", "e").failingSince()).hasValue(T0);
    assertThat(after.summary("p", "e").consecutiveFailures()).isEqualTo(10);
  }

  @Test
  void aSmallerConfiguredCapacityWinsOverTheSnapshots() throws Exception {
    RunHistory before = filled();
    RunHistory after = new RunHistory(clock);
    after.configure("checkout", "staging", 10);
    after.restore(before.snapshot());
    assertThat(after.records("checkout", "staging")).hasSize(10)
        .isEqualTo(before.records("checkout", "staging").subList(290, 300));
  }

  @Test
  void entriesThatDoNotParseAreSkipped() throws Exception {
    JsonNode broken = MAPPER.readTree("""
        {"version": 1, "pairs": [
          {"probe": "a", "env": "e", "runs": [{"started_at": "not a time"}]},
          {"env": "no probe"},
          {"probe": "b", "env": "e", "capacity": 10, "runs": [
            {"started_at": "2026-05-09T10:00:00Z", "verdict": "success",
             "duration_seconds": 0.5, "trace_id": "t", "failure": null}]}
        ]}""");
    RunHistory history = new RunHistory(clock);
    assertThat(history.restore(broken)).isEqualTo(1);
    assertThat(history.records("b", "e")).singleElement()
        .satisfies(r -> assertThat(r.duration()).isEqualTo(Duration.ofMillis(500)));
    assertThat(history.restore(MAPPER.readTree("{}"))).isZero();
  }

  @Test
  void theStateFileSectionIsWrittenAtomicallyAndLoadsBack(@TempDir Path dir) throws Exception {
    RunHistory before = filled();
    Path path = dir.resolve("state/state.json");
    StateFile file = new StateFile(path);

    file.write("history", before.snapshot());
    file.write("history", before.snapshot()); // replacing an existing file works too

    try (var files = Files.list(path.getParent())) {
      assertThat(files).containsExactly(path); // no temp file left behind
    }
    RunHistory after = new RunHistory(clock);
    assertThat(after.restore(new StateFile(path).read("history").orElseThrow())).isEqualTo(3);
    assertThat(after.summaries()).isEqualTo(before.summaries());
    assertThat(new StateFile(dir.resolve("missing.json")).read("history")).isEmpty();
  }
}
