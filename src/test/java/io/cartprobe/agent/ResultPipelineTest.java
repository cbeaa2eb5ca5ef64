package io.cartprobe.agent;

import static io.cartprobe.agent.AgentFixtures.checkoutFailed;
import static io.cartprobe.agent.AgentFixtures.checkoutPassed;
import static io.cartprobe.agent.AgentFixtures.gatewayRead;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.cartprobe.schedule.PairKey;
import io.cartprobe.schedule.TriggerResult;
import io.cartprobe.watch.Attribution;
import io.cartprobe.testing.TestClock;
import io.cartprobe.watch.ConfigWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultPipelineTest {

  private static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  private final Clock clock = new TestClock(T0);
  private final CartprobeConfig config = AgentFixtures.config();
  private final List<String> seen = new ArrayList<>();
  private final List<PairKey> triggered = new ArrayList<>();
  private final RunHistory history = new RunHistory(clock);
  private final Attribution attribution = new Attribution(() -> config);
  private final List<ConfigChange> changes = new ArrayList<>();

  private ResultSink recording(String name) {
    return r -> seen.add(name + ":" + r.probe() + ":" + r.verdict().wireName());
  }

  private ResultPipeline pipeline(List<ResultSink> sinks) {
    GatewayEvidence evidence = new GatewayEvidence(() -> config, key -> {
      triggered.add(key);
      return new TriggerResult.Refused("not scheduled in this test");
    }, history, clock, io.cartprobe.config.AgentConfig.DEFAULT_EVIDENCE_MIN_INTERVAL, (p, e, o) -> { });
    return new ResultPipeline(evidence, attribution, sinks);
  }

  @Test
  void everySinkGetsEveryResultInTheStatedOrder() {
    ResultPipeline pipeline = pipeline(List.of(recording("metrics"), recording("history"),
        recording("alerting")));

    pipeline.accept(checkoutPassed(T0));
    pipeline.accept(gatewayRead(T0, "hmac-sha256"));

    assertThat(seen).containsExactly(
        "metrics:checkout:success", "history:checkout:success", "alerting:checkout:success",
        "metrics:gateway-config:success", "history:gateway-config:success",
        "alerting:gateway-config:success");
    assertThat(triggered).as("a passing checkout needs no evidence").isEmpty();
  }

  @Test
  void aSinkThatThrowsDoesNotStarveTheOnesAfterIt() {
    ResultSink broken = r -> {
      throw new IllegalStateException("disk full");
    };
    ResultPipeline pipeline = pipeline(List.of(recording("metrics"), broken, recording("alerting")));

    pipeline.accept(checkoutPassed(T0));

    assertThat(seen).containsExactly("metrics:checkout:success", "alerting:checkout:success");
  }

  @Test
  void aFailedCheckoutAsksForTheEnvironmentsEvidenceAndCarriesTheChangeThatPrecededIt() {
    ConfigWatch watch = new ConfigWatch();
    WatchStage watchStage = new WatchStage(() -> config, watch, Optional.empty(),
        List.of(attribution, changes::add));
    List<ProbeResult> delivered = new ArrayList<>();
    ResultPipeline pipeline = pipeline(List.of(watchStage, attribution, delivered::add));

    pipeline.accept(gatewayRead(T0.minusSeconds(120), "hmac-sha256"));
    pipeline.accept(gatewayRead(T0.minusSeconds(60), "rsa-pss-sha512"));
    pipeline.accept(checkoutFailed(T0));

    assertThat(changes).singleElement()
        .satisfies(c -> assertThat(c.describe())
            .isEqualTo("$.request_signing \"hmac-sha256\" -> \"rsa-pss-sha512\""));
    assertThat(triggered).containsExactly(new PairKey("gateway-config", "production"));
    ProbeResult checkout = delivered.getLast();
    assertThat(checkout.probableCause()).hasValueSatisfying(cause -> {
      assertThat(cause.probe()).isEqualTo("gateway-config");
      assertThat(cause.changes()).singleElement()
          .satisfies(f -> assertThat(f.after()).isEqualTo("\"rsa-pss-sha512\""));
    });
  }

  @Test
  void evidenceIsReadAtMostOncePerMinimumIntervalAndNotAtAllWhenAlreadyFresh() {
    TestClock time = new TestClock(T0);
    List<String> outcomes = new ArrayList<>();
    RunHistory runs = new RunHistory(time);
    GatewayEvidence evidence = new GatewayEvidence(() -> config, key -> {
      triggered.add(key);
      return new TriggerResult.Refused("test");
    }, runs, time, Duration.ofSeconds(30), (p, e, o) -> outcomes.add(o.wireName()));

    evidence.gatherFor("production", time.instant());
    time.advance(Duration.ofSeconds(5));
    evidence.gatherFor("production", time.instant());
    time.advance(Duration.ofSeconds(26));
    evidence.gatherFor("production", time.instant());
    runs.record(gatewayRead(time.instant().plusSeconds(1), "hmac-sha256"));
    evidence.gatherFor("production", time.instant());

    assertThat(outcomes).containsExactly("skipped", "reused", "skipped", "fresh");
    assertThat(triggered).hasSize(2);
  }
}
