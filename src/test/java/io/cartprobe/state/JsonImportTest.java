package io.cartprobe.state;

import static io.cartprobe.testing.Results.T0;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.alert.AlertState;
import io.cartprobe.alert.AlertStateJson;
import io.cartprobe.alert.webhook.DeadLetter;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.config.Webhook;
import io.cartprobe.history.AlertTransition;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.testing.TestClock;
import io.cartprobe.watch.WatchState;
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
 * A JSON state file as the agent before the database wrote it (the same classes write each
 * section: history's snapshot, AlertStateJson, the watch store), imported once: everything it
 * held comes back from the database, and the JSON is kept aside.
 */
class JsonImportTest {

  @TempDir Path dir;
  final TestClock clock = new TestClock(T0.plus(Duration.ofMinutes(5)));

  @Test
  void everySectionOfTheJsonStateFileComesBackFromTheDatabase() throws Exception {
    Path file = dir.resolve("state.json");
    RunHistory history = new RunHistory(clock);
    history.record(ok("checkout", "production", T0));
    history.record(paymentRejected("checkout", "production", T0.plusSeconds(30)));
    history.recordConfigChange("gateway-config", "production", T0.plusSeconds(10),
        List.of(new FieldChange("$.mode", "\"test\"", "\"live\"")));
    history.recordAlert("checkout-failing", "checkout", "production",
        AlertTransition.State.FIRING, T0.plusSeconds(30));
    String url = "https://hooks.slack.example/services/" + AgentStateTest.TOKEN;
    PendingDelivery pending = new PendingDelivery("msg_1", "oncall", url,
        "checkout-failing{checkout@production}", "firing", "{}", T0, 1, T0.plusSeconds(2));
    DeadLetter dead = new DeadLetter("msg_0", "oncall", url, "x{checkout@production}", "firing",
        "HTTP 404", 12, T0, T0.plusSeconds(60));
    AlertState alerts = new AlertState(T0, List.of(), List.of(pending), List.of(dead));
    WatchState watch = new WatchState(WatchState.VERSION, List.of(new WatchState.BaselineState(
        "gateway-config", "production", T0.toString(), List.of("$.mode"),
        Map.of("$.mode", "\"live\""), null)));
    StateFile json = new StateFile(file);
    json.write("history", history.snapshot());
    json.write(AlertStateJson.SECTION, AlertStateJson.toJson(alerts));
    new WatchStateStore(json).save(watch);
    String written = Files.readString(file);

    List<Webhook> webhooks = List.of(AgentStateTest.slack(url));
    AgentState.open(file, clock, StateListener.NONE, () -> webhooks).close();
    assertThat(Files.readString(dir.resolve("state.json.before-sqlite"))).isEqualTo(written);

    try (AgentState state = AgentState.open(file, clock, StateListener.NONE, () -> webhooks)) {
      RunHistory after = new RunHistory(clock);
      state.restoreHistory(after, List.of(new HistoryKey("checkout", "production"),
          new HistoryKey("gateway-config", "production")), Instant.EPOCH, 1);
      assertThat(after.records("checkout", "production"))
          .isEqualTo(history.records("checkout", "production"));
      assertThat(after.state("checkout", "production").failingSince())
          .isEqualTo(history.state("checkout", "production").failingSince());
      assertThat(after.latest("checkout", "production"))
          .isEqualTo(history.latest("checkout", "production"));
      assertThat(after.configChanges("gateway-config", "production"))
          .isEqualTo(history.configChanges("gateway-config", "production"));
      assertThat(after.alertTransitions("checkout", "production"))
          .isEqualTo(history.alertTransitions("checkout", "production"));
      assertThat(state.alerts().pending()).containsExactly(pending);
      assertThat(state.alerts().deadLetters()).containsExactly(dead);
      assertThat(state.watch()).isEqualTo(watch);
      assertThat(AgentStateTest.onDisk(file)).doesNotContain(AgentStateTest.TOKEN);
    }
  }
}
