package io.cartprobe.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.state.StateFile;
import io.cartprobe.testing.ContractFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/history} answers what cartprobe 0.1.0 answered for the same history. */
class HistoryApiContractTest {

  @TempDir Path dir;
  RunHistory history;

  @BeforeEach
  void restoreTheRecordedHistory() throws Exception {
    history = new RunHistory(ContractFiles.clock());
    history.restore(new StateFile(ContractFiles.copy("state.json", dir)).read("history")
        .orElseThrow());
  }

  @Test
  void everyPairOfTheLastHour() {
    HistoryJson.Response response = HistoryJson.respond(history, "");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(response.body()).startsWith("{\"schema_version\":1,");
    assertThat(ContractFiles.withoutSchemaVersion(response.body())).isEqualTo(ContractFiles.text("api-history.json"));
  }

  @Test
  void onePairSinceAnInstantWithALimit() {
    HistoryJson.Response response = HistoryJson.respond(history,
        "probe=gateway-config&env=production&since=2026-12-01T21:35:00Z&limit=5");
    assertThat(response.status()).isEqualTo(200);
    assertThat(ContractFiles.withoutSchemaVersion(response.body()))
        .isEqualTo(ContractFiles.text("api-history-one-pair.json"));
  }

  @Test
  void aBadParameterAnswersTheErrorObject() {
    HistoryJson.Response response = HistoryJson.respond(history, "since=yesterday");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"since: expected an ISO-8601 "
        + "instant (2026-05-09T10:00:00Z) or a duration back from now (15m, 1h, 1d), got "
        + "'yesterday'\"}}");
  }
}
