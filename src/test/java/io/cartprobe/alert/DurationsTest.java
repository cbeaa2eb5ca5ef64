package io.cartprobe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits and latencies in words, never as ISO-8601 periods like "PT0.52S". */
class DurationsTest {

  @Test
  void briefReadsLikeAPersonWouldSayIt() {
    assertThat(Durations.brief(Duration.ofMillis(520))).isEqualTo("520ms");
    assertThat(Durations.brief(Duration.ofMillis(1520))).isEqualTo("1.52s");
    assertThat(Durations.brief(Duration.ofSeconds(150))).isEqualTo("2m 30s");
    assertThat(Durations.brief(Duration.ofMillis(-5))).isEqualTo("0ms");
  }
}
