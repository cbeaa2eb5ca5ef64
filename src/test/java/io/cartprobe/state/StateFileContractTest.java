package io.cartprobe.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.AlertStateJson;
import io.cartprobe.alert.AlertStatus;
import io.cartprobe.alert.Alerting;
import io.cartprobe.alert.EventKind;
import io.cartprobe.alert.InstanceSnapshot;
import io.cartprobe.alert.InstanceState;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.RunHistory;
import io.cartprobe.history.RunRecord;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.FailureReason;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.Verdict;
import io.cartprobe.testing.ContractFiles;
import io.cartprobe.watch.ConfigWatch;
import io.cartprobe.watch.WatchStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file written by cartprobe 0.1.0 (a real agent against the demo shop; see
 * {@link ContractFiles}) is read by this code into the same state, and written back byte for byte.
 */
class StateFileContractTest {

  static final Instant AT = Instant.parse("2026-12-01T21:35:39.966079079Z");

  @TempDir Path dir;

  StateFile file() {
    return new StateFile(ContractFiles.copy("state.json", dir));
  }

  static Instant t(String text) {
    return Instant.parse(text);
  }

  AlertState alerts(StateFile file) throws Exception {
    return AlertStateJson.fromJson(file.read(AlertStateJson.SECTION).orElseThrow());
  }

  @Test
  void alertInstancesComeBackWithTheirTimersAndLastEvents() throws Exception {
    AlertState state = alerts(file());

    assertThat(state.savedAt()).isEqualTo(t("2026-12-01T21:35:39.986005156Z"));
    assertThat(state.instances()).extracting(InstanceSnapshot::alert, InstanceSnapshot::env,
            InstanceSnapshot::state)
        .containsExactly(
            tuple("checkout-failing", "production", InstanceState.FIRING),
            tuple("gateway-config-changed", "production", InstanceState.FIRING),
            tuple("gateway-config-failing", "production", InstanceState.FIRING),
            tuple("gateway-config-changed", "staging", InstanceState.FIRING));
    InstanceSnapshot checkout = state.instances().getFirst();
    assertThat(checkout.since()).contains(AT);
    assertThat(checkout.firstFailureAt()).contains(t("2026-12-01T21:35:39.923684720Z"));
    assertThat(checkout.lastSentAt()).contains(AT);
    assertThat(checkout.failures()).isEqualTo(1);
    assertThat(checkout.goodStreak()).isZero();
    assertThat(checkout.notified()).isTrue();
    assertThat(checkout.pendingResolved()).isEmpty();
    assertThat(state.instances().get(1).failures()).isEqualTo(3);

    AlertEvent event = checkout.lastEvent().orElseThrow();
    assertThat(event.id()).isEqualTo("6e01a871-7847-4d3d-b78c-6abef2260f34");
    assertThat(event.kind()).isEqualTo(EventKind.FIRING);
    assertThat(event.at()).isEqualTo(AT);
    assertThat(event.startsAt()).isEqualTo(AT);
    assertThat(event.endsAt()).isEmpty();
    assertThat(event.severity()).isEqualTo("critical");
    assertThat(event.agentLabels()).isEqualTo(Map.of("location", "fixture-lab"));
    assertThat(event.failedRuns()).isEqualTo(1);
    assertThat(event.probeInterval()).isEqualTo(Duration.ofSeconds(4));
    assertThat(event.webhooks()).containsExactly("events", "rejecting", "offline");
    assertThat(event.runbook()).contains("https://wiki.example.com/runbooks/checkout");
    assertThat(event.failure().orElseThrow().step()).isEqualTo("authorize_payment");
    assertThat(event.failure().orElseThrow().classification()).contains("gateway_rejected");
    assertThat(event.failure().orElseThrow().bodyExcerpt().orElseThrow()).contains("database_error");
    assertThat(event.probableCause().orElseThrow().changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
  }

  @Test
  void pendingDeliveriesAndDeadLettersComeBackInQueueOrder() throws Exception {
    AlertState state = alerts(file());

    assertThat(state.pending()).extracting(PendingDelivery::kind)
        .containsExactly("firing", "firing", "resolved", "resolved", "firing", "firing");
    PendingDelivery retried = state.pending().getFirst();
    assertThat(retried.id()).isEqualTo("msg_52ab3744ed364822b58e8ffd9f445b7e");
    assertThat(retried.webhook()).isEqualTo("offline");
    assertThat(retried.url()).isEqualTo("http://127.0.0.1:18098/alertmanager");
    assertThat(retried.dedupKey()).isEqualTo("gateway-config-failing{gateway-config@production}");
    assertThat(retried.attempts()).isEqualTo(7);
    assertThat(retried.createdAt()).isEqualTo(t("2026-12-01T21:35:03.674397624Z"));
    assertThat(retried.notBefore()).isEqualTo(t("2026-12-01T21:36:31.295646272Z"));
    assertThat(retried.body()).startsWith("{\"version\":\"4\",\"groupKey\":");

    assertThat(state.deadLetters()).extracting(DeadLetter::kind)
        .containsExactly("firing", "resolved", "firing");
    DeadLetter dropped = state.deadLetters().getFirst();
    assertThat(dropped).isEqualTo(new DeadLetter("msg_970562768d3b4576966606f55bcd68c9",
        "rejecting", "http://127.0.0.1:18099/reject", "checkout-failing{checkout@production}",
        "firing", "HTTP 400", 3, t("2026-12-01T21:35:05.978054438Z"),
        t("2026-12-01T21:35:07.146535026Z")));
  }

  @Test
  void alertingRestoredFromItResumesWhereTheAgentStopped() throws Exception {
    AlertState state = alerts(file());
    try (Alerting alerting = Alerting.builder(ContractFiles.config())
        .clock(ContractFiles.clock())
        .scheduler((task, delay) -> {}) // nothing is delivered in this test
        .build()) {
      alerting.restore(state);

      assertThat(alerting.statuses()).filteredOn(AlertStatus::firing)
          .extracting(AlertStatus::alert, AlertStatus::env)
          .containsExactlyInAnyOrder(
              tuple("checkout-failing", "production"),
              tuple("gateway-config-changed", "production"),
              tuple("gateway-config-failing", "production"),
              tuple("gateway-config-changed", "staging"));
      assertThat(alerting.statuses()).filteredOn(s -> s.alert().equals("checkout-failing"))
          .singleElement().satisfies(s -> {
            assertThat(s.since()).contains(AT);
            assertThat(s.lastSentAt()).contains(AT);
            assertThat(s.notified()).isTrue();
          });
      assertThat(alerting.pending()).isEqualTo(state.pending());
      assertThat(alerting.deadLetters()).isEqualTo(state.deadLetters());
    }
  }

  @Test
  void configBaselinesAndTheirLastChangesComeBack() throws Exception {
    ConfigWatch watch = ConfigWatch.restoredFrom(new WatchStateStore(file()).load().orElseThrow());

    assertThat(watch.baseline("gateway-config", "production")).contains(Map.of(
        "$.api_version", "\"2024-05-09\"",
        "$.request_signing", "\"rsa-pss-sha512\"",
        "$.merchant.currencies", "[\"USD\",\"EUR\"]",
        "$.webhook_url", "\"https://shop.example.com/production/hooks/payments\""));
    assertThat(watch.baseline("gateway-account", "production")).contains(Map.of(
        "$.merchant.currencies", "[\"USD\",\"EUR\"]", "$.mode", "\"live\""));
    assertThat(watch.lastChanges()).extracting(ConfigChange::probe, ConfigChange::environment,
            ConfigChange::at)
        .containsExactly(
            tuple("gateway-config", "production",
                t("2026-12-01T21:35:39.937836403Z")),
            tuple("gateway-config", "staging",
                t("2026-12-01T21:35:39.065423596Z")));
    assertThat(watch.lastChanges().getFirst().changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
  }

  @Test
  void runHistoryComesBackWithRecordsLatestResultsChangesAndTransitions() throws Exception {
    RunHistory history = new RunHistory(ContractFiles.clock());
    assertThat(history.restore(file().read("history").orElseThrow())).isEqualTo(5);

    List<RunRecord> runs = history.records("checkout", "production");
    assertThat(runs).hasSize(20);
    assertThat(runs.getFirst().startedAt()).isEqualTo(t("2026-12-01T21:34:53.906276822Z"));
    RunRecord last = runs.getLast();
    assertThat(last.startedAt()).isEqualTo(t("2026-12-01T21:35:57.924059651Z"));
    assertThat(last.verdict()).isEqualTo(Verdict.FAILURE);
    assertThat(last.duration()).isEqualTo(Duration.ofNanos(20_988_637));
    assertThat(last.traceId()).isEqualTo("5a80d90aab9b06d838892e4da86410cd");
    assertThat(last.failedStep()).contains("authorize_payment");
    assertThat(last.component()).contains("payment-gateway");
    assertThat(last.reason()).contains("status");
    assertThat(last.message()).contains("status: expected 200, got 500");
    assertThat(last.classification()).contains("gateway_rejected");
    assertThat(last.httpStatus()).contains(500);
    assertThat(last.probableCause().orElseThrow()).startsWith("gateway-config changed $.api_version");
    assertThat(history.summary("checkout", "production").failingSince())
        .contains(t("2026-12-01T21:35:39.923684720Z"));
    assertThat(history.summary("checkout", "production").consecutiveFailures()).isEqualTo(7);
    assertThat(history.summary("checkout", "production").capacity()).isEqualTo(2880);
    assertThat(history.records("gateway-account", "production")).hasSize(30)
        .allSatisfy(r -> assertThat(r.failedStep()).isEmpty());

    ProbeResult latest = history.latest("checkout", "production").orElseThrow();
    assertThat(latest.startedAt()).isEqualTo(last.startedAt());
    assertThat(latest.probeType()).isEqualTo(io.cartprobe.config.ProbeType.CHECKOUT);
    assertThat(latest.steps()).extracting(s -> s.name()).containsExactly(
        "create_cart", "get_cart", "authorize_payment", "get_order");
    assertThat(latest.failure().orElseThrow().reason()).isEqualTo(FailureReason.STATUS);
    assertThat(latest.probableCause().orElseThrow().failure()).contains(
        "json $.request_signing equals: expected \"hmac-sha256\", got \"rsa-pss-sha512\"");
    assertThat(history.latest("gateway-account", "production").orElseThrow().watched())
        .containsEntry("$.mode", "\"live\"");

    assertThat(history.configChanges("gateway-config", "production"))
        .extracting(ConfigChange::at).containsExactly(t("2026-12-01T21:35:03.469696649Z"),
            t("2026-12-01T21:35:24.464073210Z"), t("2026-12-01T21:35:39.937836403Z"));
    assertThat(history.alertTransitions("checkout", "production"))
        .extracting(AlertTransition::state).containsExactly(AlertTransition.State.FIRING,
            AlertTransition.State.RESOLVED, AlertTransition.State.FIRING);
    assertThat(history.alertTransitions("checkout", "production").getLast().at()).isEqualTo(AT);
  }

  @Test
  void writingTheRestoredStateBackGivesTheSameBytes() throws Exception {
    Path copy = ContractFiles.copy("state.json", dir);
    StateFile file = new StateFile(copy);
    ConfigWatch watch = ConfigWatch.restoredFrom(new WatchStateStore(file).load().orElseThrow());
    AlertState alerts = alerts(file);
    RunHistory history = new RunHistory(ContractFiles.clock());
    history.restore(file.read("history").orElseThrow());

    new WatchStateStore(file).save(watch.snapshot());
    file.write(AlertStateJson.SECTION, AlertStateJson.toJson(alerts));
    file.write("history", history.snapshot());

    assertThat(ContractFiles.withoutDescriptions(ContractFiles.withoutAdditions(Files.readString(copy))))
        .isEqualTo(ContractFiles.withoutDescriptions(ContractFiles.text("state.json")));
  }

  @Test
  void anAlertInstanceInAStateThisVersionDoesNotKnowIsSkipped() throws Exception {
    JsonNode section = file().read(AlertStateJson.SECTION).orElseThrow();
    ((ObjectNode) section.path("instances").get(0))
        .put("state", "snoozed");
    assertThat(AlertStateJson.fromJson(section).instances()).hasSize(3)
        .extracting(InstanceSnapshot::alert).doesNotContain("checkout-failing");
  }

  @Test
  void anAlertSectionFromANewerVersionIsRefusedNotMisread() throws Exception {
    JsonNode section = file().read(AlertStateJson.SECTION).orElseThrow();
    ((ObjectNode) section).put("version", 2);
    assertThatThrownBy(() -> AlertStateJson.fromJson(section))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alert state version 2 is newer");
  }
}
