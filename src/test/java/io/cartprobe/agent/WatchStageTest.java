package io.cartprobe.agent;

import static io.cartprobe.agent.AgentFixtures.checkoutPassed;
import static io.cartprobe.agent.AgentFixtures.gatewayRead;
import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.GatewayConfigProbe;
import io.cartprobe.config.ProbeConfig;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.watch.ConfigWatch;
import io.cartprobe.watch.WatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Baselines are saved when one is taken or changes, never for runs that change nothing. */
class WatchStageTest {

  private static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  private final List<WatchState> saved = new ArrayList<>();
  private final List<ConfigChange> changes = new ArrayList<>();

  private WatchStage stage(CartprobeConfig config) {
    return new WatchStage(() -> config, new ConfigWatch(), Optional.of(saved::add),
        List.of(changes::add));
  }

  @Test
  void aBaselineIsSavedWhenTakenAndWhenItChangesNotOnEveryRun() {
    WatchStage stage = stage(AgentFixtures.config());

    stage.accept(gatewayRead(T0, "hmac-sha256"));
    stage.accept(gatewayRead(T0.plusSeconds(60), "hmac-sha256"));
    stage.accept(gatewayRead(T0.plusSeconds(120), "hmac-sha256"));
    assertThat(saved).hasSize(1);

    stage.accept(gatewayRead(T0.plusSeconds(180), "rsa-pss-sha512"));
    assertThat(changes).hasSize(1);
    assertThat(saved).hasSize(2);
  }

  @Test
  void aGatewayConfigProbeThatWatchesNothingAndOtherProbesSaveNothing() {
    CartprobeConfig fixtures = AgentFixtures.config();
    List<ProbeConfig> probes = fixtures.probes().stream().map(p -> p instanceof
        GatewayConfigProbe g ? new GatewayConfigProbe(g.name(), g.environments(), g.interval(),
        g.timeout(), g.intervalWhenFailing(), g.retries(), g.vars(), g.check(), List.of(),
        g.client()) : p).toList();
    WatchStage stage = stage(new CartprobeConfig(fixtures.source(), fixtures.agent(),
        fixtures.environments(), probes, fixtures.alerts(), fixtures.silences(),
        fixtures.webhooks()));

    for (int i = 0; i < 5; i++) {
      stage.accept(gatewayRead(T0.plusSeconds(60L * i), "hmac-sha256"));
      stage.accept(checkoutPassed(T0.plusSeconds(60L * i)));
    }

    assertThat(saved).isEmpty();
    assertThat(changes).isEmpty();
  }
}
