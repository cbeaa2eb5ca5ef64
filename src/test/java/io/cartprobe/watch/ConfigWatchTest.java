package io.cartprobe.watch;


import io.cartprobe.result.ConfigChange;
import static io.cartprobe.watch.Results.gatewayConfig;
import static io.cartprobe.watch.Results.gatewayRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatchTest {

  private static final Instant T0 = Instant.parse("2024-05-09T16:58:00Z");
  private static final GatewayConfigProbe PROBE =
      gatewayConfig("gateway-config", "$.api_version", "$.request_signing");
  private static final Map<String, String> HEALTHY =
      Map.of("$.api_version", "\"2024-04-10\"", "$.request_signing", "\"hmac-sha256\"");
  private static final Map<String, String> CHANGED =
      Map.of("$.api_version", "\"2024-05-09\"", "$.request_signing", "\"rsa-pss-sha512\"");

  @TempDir Path dir;

  private final ConfigWatch watch = new ConfigWatch();

  @Test
  void theFirstValuesSeenAreTheBaselineAndNoChange() {
    assertThat(watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY)))
        .isEmpty();
    assertThat(watch.observe(PROBE,
        gatewayRun("gateway-config", "production", T0.plusSeconds(60), HEALTHY))).isEmpty();

    assertThat(watch.baseline("gateway-config", "production")).contains(HEALTHY);
    assertThat(watch.lastChanges()).isEmpty();
  }

  @Test
  void aDifferingValueIsAChangeWithBeforeAndAfterThenTheNewBaseline() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));
    Instant at = T0.plusSeconds(120);

    ConfigChange change = watch.observe(PROBE,
        gatewayRun("gateway-config", "production", at, CHANGED)).orElseThrow();

    assertThat(change.probe()).isEqualTo("gateway-config");
    assertThat(change.environment()).isEqualTo("production");
    assertThat(change.at()).isEqualTo(at);
    assertThat(change.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
    assertThat(watch.baseline("gateway-config", "production")).contains(CHANGED);
    // The new values are the baseline: seeing them again is no news.
    assertThat(watch.observe(PROBE,
        gatewayRun("gateway-config", "production", at.plusSeconds(60), CHANGED))).isEmpty();
    assertThat(watch.lastChanges()).containsExactly(change);
  }

  @Test
  void aChangeBackIsASecondChange() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0.plusSeconds(60), CHANGED));

    ConfigChange back = watch.observe(PROBE,
        gatewayRun("gateway-config", "production", T0.plusSeconds(120), HEALTHY)).orElseThrow();

    assertThat(back.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-05-09\"", "\"2024-04-10\""),
        new FieldChange("$.request_signing", "\"rsa-pss-sha512\"", "\"hmac-sha256\""));
    assertThat(watch.lastChanges()).containsExactly(back);
  }

  @Test
  void aPathThatDisappearsIsAChangeToAbsent() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));

    ConfigChange change = watch.observe(PROBE, gatewayRun("gateway-config", "production",
        T0.plusSeconds(60), Map.of("$.api_version", "\"2024-04-10\""))).orElseThrow();

    assertThat(change.changes()).containsExactly(
        new FieldChange("$.request_signing", "\"hmac-sha256\"", ConfigWatch.ABSENT));
  }

  @Test
  void aRunThatObservedNothingIsNotAChange() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));

    assertThat(watch.observe(PROBE, Results.gatewayFailure("gateway-config", "production",
        T0.plusSeconds(60), "connection failed"))).isEmpty();
    assertThat(watch.baseline("gateway-config", "production")).contains(HEALTHY);
  }

  @Test
  void environmentsHaveTheirOwnBaselines() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));

    assertThat(watch.observe(PROBE, gatewayRun("gateway-config", "staging", T0, CHANGED)))
        .isEmpty();
  }

  @Test
  void aPathNewlyAddedToTheWatchListIsAdoptedNotReported() {
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));
    GatewayConfigProbe more =
        gatewayConfig("gateway-config", "$.api_version", "$.request_signing", "$.webhook_url");
    Map<String, String> withWebhook = new java.util.HashMap<>(HEALTHY);
    withWebhook.put("$.webhook_url", "\"https://shop.example.com/hooks\"");

    assertThat(watch.observe(more,
        gatewayRun("gateway-config", "production", T0.plusSeconds(60), withWebhook))).isEmpty();
  }

  @Test
  void theBaselineSurvivesARestartThroughTheStateFile() throws IOException {
    Path stateFile = dir.resolve("state.json");
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));
    new WatchStateStore(stateFile).save(watch.snapshot());

    // A new process: the baseline comes from the file, not from the first result it sees.
    ConfigWatch restarted =
        ConfigWatch.restoredFrom(new WatchStateStore(stateFile).load().orElseThrow());
    ConfigChange change = restarted.observe(PROBE,
        gatewayRun("gateway-config", "production", T0.plusSeconds(3600), CHANGED)).orElseThrow();

    assertThat(change.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
  }

  @Test
  void theLastChangeSurvivesARestartToo() throws IOException {
    Path stateFile = dir.resolve("state.json");
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));
    ConfigChange change = watch.observe(PROBE,
        gatewayRun("gateway-config", "production", T0.plusSeconds(60), CHANGED)).orElseThrow();
    new WatchStateStore(stateFile).save(watch.snapshot());

    ConfigWatch restarted =
        ConfigWatch.restoredFrom(new WatchStateStore(stateFile).load().orElseThrow());

    assertThat(restarted.lastChanges()).containsExactly(change);
    assertThat(restarted.baseline("gateway-config", "production")).contains(CHANGED);
  }

  @Test
  void theStateFileKeepsOtherComponentsSections() throws IOException {
    Path stateFile = dir.resolve("state.json");
    Files.writeString(stateFile, "{\"alerts\": {\"checkout-failing\": {\"firing\": true}}}");
    watch.observe(PROBE, gatewayRun("gateway-config", "production", T0, HEALTHY));

    new WatchStateStore(stateFile).save(watch.snapshot());

    String saved = Files.readString(stateFile);
    assertThat(saved).contains("\"alerts\"", "\"firing\" : true", "\"watch\"",
        "\"$.request_signing\" : \"\\\"hmac-sha256\\\"\"");
    assertThat(Files.list(dir)).containsExactly(stateFile); // no temporary file left behind
  }

  @Test
  void noStateFileYetIsNoState() throws IOException {
    assertThat(new WatchStateStore(dir.resolve("absent.json")).load()).isEmpty();
  }

  @Test
  void aCorruptStateFileIsReportedWithItsPath() throws IOException {
    Path stateFile = dir.resolve("state.json");
    Files.writeString(stateFile, "{\"watch\": ");

    assertThatThrownBy(() -> new WatchStateStore(stateFile).load())
        .isInstanceOf(IOException.class).hasMessageContaining(stateFile.toString())
        .hasMessageContaining("not valid JSON");
  }
}
