package io.cartprobe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigError;
import io.cartprobe.config.ConfigException;
import io.cartprobe.metrics.AgentMetrics;
import io.cartprobe.server.AgentEndpoints.ReloadOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.cartprobe.testing.TestClock;
import org.junit.jupiter.api.Test;

class ReloaderTest {

  private static final Instant T0 = Instant.parse("2026-05-09T10:00:00Z");
  private final Clock clock = new TestClock(T0);
  private final CartprobeConfig first = AgentFixtures.config();
  private final AtomicReference<CartprobeConfig> live = new AtomicReference<>(first);
  private final List<String> applied = new ArrayList<>();
  private final AgentMetrics metrics =
      new AgentMetrics(new SimpleMeterRegistry(), "test", T0);

  @Test
  void aGoodFileBecomesTheLiveConfigAndEveryComponentTakesItInOrder() {
    CartprobeConfig second = AgentFixtures.parse(AgentFixtures.YAML.replace("interval: 10s",
        "interval: 20s"));
    Reloader reloader = new Reloader(() -> second, live, clock, metrics, List.of(
        c -> applied.add("metrics:" + c.probes().getFirst().interval().toSeconds()),
        c -> applied.add("schedule:" + c.probes().getFirst().interval().toSeconds())));

    ReloadOutcome outcome = reloader.reload();

    assertThat(outcome.accepted()).isTrue();
    assertThat(live.get()).isSameAs(second);
    assertThat(applied).containsExactly("metrics:20", "schedule:20");
    assertThat(reloader.status()).isEqualTo(new Reloader.Status(true, T0, 0));
  }

  @Test
  void aBadFileIsRejectedWholeAndTheRunningConfigStays() {
    ConfigError error = new ConfigError("probes.yaml", 7, 5,
        "probes[0].intreval: unknown key (did you mean 'interval'?)");
    Reloader reloader = new Reloader(() -> {
      throw new ConfigException(List.of(error));
    }, live, clock, metrics, List.of(c -> applied.add("schedule")));

    ReloadOutcome outcome = reloader.reload();

    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.errors()).containsExactly(error.format());
    assertThat(live.get()).isSameAs(first);
    assertThat(applied).isEmpty();
    assertThat(reloader.status()).isEqualTo(new Reloader.Status(false, T0, 1));
  }
}
