package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.AlertStateJson;
import io.cartprobe.alert.Alerting;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.history.RunHistory;
import io.cartprobe.schedule.RunOutcome;
import io.cartprobe.schedule.ScheduleListener;
import io.cartprobe.schedule.ScheduledPair;
import io.cartprobe.schedule.Scheduler;
import io.cartprobe.state.StateFile;
import io.cartprobe.testing.ContractFiles;
import io.cartprobe.watch.ConfigWatch;
import io.cartprobe.watch.WatchStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/status} of an agent restored from the recorded state file is what cartprobe
 * 0.1.0 rendered for it, byte for byte (pretty-printed as the server does).
 */
class StatusJsonContractTest {

  static final Instant STARTED = Instant.parse("2026-12-01T21:34:50.5Z");

  @TempDir Path dir;

  static String render(Path dir) throws Exception {
    CartprobeConfig config = ContractFiles.config();
    StateFile file = new StateFile(ContractFiles.copy("state.json", dir));
    RunHistory history = new RunHistory(ContractFiles.clock());
    history.restore(file.read("history").orElseThrow());
    // Never started: it only plans, and the plan's first runs are a stable hash of each pair.
    Scheduler scheduler = new Scheduler(pair -> RunOutcome.SUCCEEDED, 8, ScheduleListener.NONE,
        ContractFiles.clock(), run -> {}, new SplittableRandom(1));
    scheduler.update(ScheduledPair.of(config.probes()));
    ConfigWatch watch = ConfigWatch.restoredFrom(new WatchStateStore(file).load().orElseThrow());
    try (Alerting alerting = Alerting.builder(config).clock(ContractFiles.clock())
        .scheduler((task, delay) -> {}).build()) {
      alerting.restore(AlertStateJson.fromJson(file.read(AlertStateJson.SECTION).orElseThrow()));
      JsonNode status = StatusJson.render(config, history, scheduler, alerting,
          watch.lastChanges(), new StatusJson.AgentInfo("0.1.0", STARTED, true, STARTED));
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(status);
    }
  }

  /**
   * Rendered by 0.1.0 from its own state file, then changed on purpose (docs/design.md, "Contract
   * changes since 0.1.0"): a pair's streak and failing_since come from history, restored across
   * the restart, where 0.1.0 began them anew; run counts are since this agent started.
   */
  @Test
  void theRecordedAgentsStatusRendersAs010RenderedIt() throws Exception {
    String rendered = render(dir);
    assertThat(rendered).startsWith("{\n  \"schema_version\" : 1,\n");
    assertThat(ContractFiles.withoutSchemaVersion(rendered)).isEqualTo(ContractFiles.text("api-status.json"));
  }
}
