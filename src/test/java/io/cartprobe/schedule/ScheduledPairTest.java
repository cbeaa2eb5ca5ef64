package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.CheckoutProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduledPairTest {

  @Test
  void aProbeGivesOnePairPerEnvironmentWithItsIntervals() {
    CheckoutProbe checkout = new CheckoutProbe("checkout", List.of("staging", "production"),
        Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(10), 1, Map.of(), List.of(), List.of());

    assertThat(ScheduledPair.of(List.of(checkout))).containsExactly(
        new ScheduledPair(new PairKey("checkout", "staging"), Duration.ofSeconds(30), Duration.ofSeconds(10)),
        new ScheduledPair(new PairKey("checkout", "production"), Duration.ofSeconds(30), Duration.ofSeconds(10)));
  }

  @Test
  void theIntervalInForceDependsOnTheFailingState() {
    ScheduledPair pair = new ScheduledPair(new PairKey("p", "e"), Duration.ofMinutes(1), Duration.ofSeconds(10));
    assertThat(pair.interval(false)).isEqualTo(Duration.ofMinutes(1));
    assertThat(pair.interval(true)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aZeroIntervalIsRejected() {
    assertThatThrownBy(() -> new ScheduledPair(new PairKey("p", "e"), Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
  }
}
