package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.Alerting;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.HistoryJson;
import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.ScheduleListener;
import io.cartprobe.schedule.ScheduledPair;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.state.AgentState;
import io.cartprobe.state.StateListener;
import io.cartprobe.testing.ContractFiles;
import io.cartprobe.watch.ConfigWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 0.1.0 state file, imported into the SQLite state database and read back from it, gives
 * the same {@code /api/status} and {@code /api/history} as read straight from the JSON: the
 * import loses nothing the contracts show, and a restart from the database changes nothing.
 */
class StatusJsonFromDatabaseTest {

  @TempDir Path dir;

  @Test
  void theImportedStateRendersTheRecordedStatusAndHistory() throws Exception {
    Path file = ContractFiles.copy("state.json", dir);
    CartprobeConfig config = ContractFiles.config();
    open(file, config).close(); // the import, then a restart that reads only the database
    assertThat(Files.readString(dir.resolve("state.json.before-sqlite")))
        .isEqualTo(ContractFiles.text("state.json"));

    try (AgentState state = open(file, config)) {
      RunHistory history = new RunHistory(ContractFiles.clock());
      List<HistoryKey> keys = new ArrayList<>();
      for (ProbeConfig probe : config.probes()) {
        probe.environments().forEach(env -> keys.add(new HistoryKey(probe.name(), env)));
      }
      state.restoreHistory(history, keys, java.time.Instant.EPOCH, 1);
      assertThat(ContractFiles.withoutSchemaVersion(HistoryJson.respond(history, "").body()))
          .isEqualTo(ContractFiles.text("api-history.json"));
      assertThat(ContractFiles.withoutSchemaVersion(HistoryJson.respond(history,
          "probe=gateway-config&env=production&since=2026-12-01T21:35:00Z&limit=5").body()))
          .isEqualTo(ContractFiles.text("api-history-one-pair.json"));

      Scheduler scheduler = new Scheduler(pair -> RunOutcome.SUCCEEDED, 8, ScheduleListener.NONE,
          ContractFiles.clock(), run -> {}, new SplittableRandom(1));
      scheduler.update(ScheduledPair.of(config.probes()));
      ConfigWatch watch = ConfigWatch.restoredFrom(state.watch());
      try (Alerting alerting = Alerting.builder(config).clock(ContractFiles.clock())
          .scheduler((task, delay) -> {}).build()) {
        alerting.restore(state.alerts());
        JsonNode status = StatusJson.render(config, history, scheduler, alerting,
            watch.lastChanges(), new StatusJson.AgentInfo("0.1.0", StatusJsonContractTest.STARTED,
                true, StatusJsonContractTest.STARTED));
        assertThat(ContractFiles.withoutSchemaVersion(
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(status)))
            .isEqualTo(ContractFiles.text("api-status.json"));
      }
    }
  }

  private static AgentState open(Path file, CartprobeConfig config) {
    return AgentState.open(file, ContractFiles.clock(), StateListener.NONE, config::webhooks);
  }
}
