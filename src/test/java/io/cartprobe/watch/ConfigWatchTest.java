package io.cartprobe.watch;


import static io.cartprobe.testing.Results.gatewayConfig;
import static io.cartprobe.testing.Results.gatewayFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.Body;
import io.cartprobe.config.Expect;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.RequestSpec;
import io.cartprobe.config.Step;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatchTest {

  private static final Instant T0 = Instant.parse("2024-05-09T16:58:00Z");
  private static final GatewayConfigProbe PROBE =
      watching("gateway-config", "$.api_version", "$.request_signing");
  private static final Map<String, String> HEALTHY =
      Map.of("$.api_version", "\"2024-04-10\"", "$.request_signing", "\"hmac-sha256\"");
  private static final Map<String, String> CHANGED =
      Map.of("$.api_version", "\"2024-05-09\"", "$.request_signing", "\"rsa-pss-sha512\"");

  @TempDir Path dir;

  /** The watch reads only a probe's name and watch list; the rest is a plausible config. */
  static GatewayConfigProbe watching(String name, String... paths) {
    Step check = new Step(name, "payment-gateway",
        new RequestSpec("GET", "http://gateway.test/v1/account", Map.of(), new Body.None()),
        Expect.defaults(), Map.of(), List.of());
    return new GatewayConfigProbe(name, List.of("production", "staging"), Duration.ofMinutes(1),
        Duration.ofSeconds(5), Duration.ofMinutes(1), 0, Map.of(), check, List.of(paths));
  }

  private final ConfigWatch watch = new ConfigWatch();

  @Test
  void theFirstValuesSeenAreTheBaselineAndNoChange() {
    assertThat(watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY)))
        .isEmpty();
    assertThat(watch.observe(PROBE,
        gatewayConfig("gateway-config", "production", T0.plusSeconds(60), HEALTHY))).isEmpty();

    assertThat(watch.baseline("gateway-config", "production")).contains(HEALTHY);
    assertThat(watch.lastChanges()).isEmpty();
  }

  @Test
  void aDifferingValueIsAChangeWithBeforeAndAfterThenTheNewBaseline() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));
    Instant at = T0.plusSeconds(120);

    ConfigChange change = watch.observe(PROBE,
        gatewayConfig("gateway-config", "production", at, CHANGED)).orElseThrow();

    assertThat(change.probe()).isEqualTo("gateway-config");
    assertThat(change.environment()).isEqualTo("production");
    assertThat(change.at()).isEqualTo(at);
    assertThat(change.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
    assertThat(watch.baseline("gateway-config", "production")).contains(CHANGED);
    // The new values are the baseline: seeing them again is no news.
    assertThat(watch.observe(PROBE,
        gatewayConfig("gateway-config", "production", at.plusSeconds(60), CHANGED))).isEmpty();
    assertThat(watch.lastChanges()).containsExactly(change);
  }

  @Test
  void aChangeBackIsASecondChange() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0.plusSeconds(60), CHANGED));

    ConfigChange back = watch.observe(PROBE,
        gatewayConfig("gateway-config", "production", T0.plusSeconds(120), HEALTHY)).orElseThrow();

    assertThat(back.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-05-09\"", "\"2024-04-10\""),
        new FieldChange("$.request_signing", "\"rsa-pss-sha512\"", "\"hmac-sha256\""));
    assertThat(watch.lastChanges()).containsExactly(back);
  }

  @Test
  void aPathThatDisappearsIsAChangeToAbsent() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));

    ConfigChange change = watch.observe(PROBE, gatewayConfig("gateway-config", "production",
        T0.plusSeconds(60), Map.of("$.api_version", "\"2024-04-10\""))).orElseThrow();

    assertThat(change.changes()).containsExactly(
        new FieldChange("$.request_signing", "\"hmac-sha256\"", ConfigWatch.ABSENT));
  }

  @Test
  void aRunThatObservedNothingIsNotAChange() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));

    assertThat(watch.observe(PROBE, gatewayFailure("gateway-config", "production",
        T0.plusSeconds(60), "connection failed"))).isEmpty();
    assertThat(watch.baseline("gateway-config", "production")).contains(HEALTHY);
  }

  @Test
  void environmentsHaveTheirOwnBaselines() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));

    assertThat(watch.observe(PROBE, gatewayConfig("gateway-config", "staging", T0, CHANGED)))
        .isEmpty();
  }

  @Test
  void aPathNewlyAddedToTheWatchListIsAdoptedNotReported() {
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));
    GatewayConfigProbe more =
        watching("gateway-config", "$.api_version", "$.request_signing", "$.webhook_url");
    Map<String, String> withWebhook = new java.util.HashMap<>(HEALTHY);
    withWebhook.put("$.webhook_url", "\"https://shop.example.com/hooks\"");

    assertThat(watch.observe(more,
        gatewayConfig("gateway-config", "production", T0.plusSeconds(60), withWebhook))).isEmpty();
  }

  @Test
  void theBaselineSurvivesARestartThroughTheStateFile() throws IOException {
    Path stateFile = dir.resolve("state.json");
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));
    new WatchStateStore(stateFile).save(watch.snapshot());

    // A new process: the baseline comes from the file, not from the first result it sees.
    ConfigWatch restarted =
        ConfigWatch.restoredFrom(new WatchStateStore(stateFile).load().orElseThrow());
    ConfigChange change = restarted.observe(PROBE,
        gatewayConfig("gateway-config", "production", T0.plusSeconds(3600), CHANGED)).orElseThrow();

    assertThat(change.changes()).containsExactly(
        new FieldChange("$.api_version", "\"2024-04-10\"", "\"2024-05-09\""),
        new FieldChange("$.request_signing", "\"hmac-sha256\"", "\"rsa-pss-sha512\""));
  }

  @Test
  void theLastChangeSurvivesARestartToo() throws IOException {
    Path stateFile = dir.resolve("state.json");
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));
    ConfigChange change = watch.observe(PROBE,
        gatewayConfig("gateway-config", "production", T0.plusSeconds(60), CHANGED)).orElseThrow();
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
    watch.observe(PROBE, gatewayConfig("gateway-config", "production", T0, HEALTHY));

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
