package io.cartprobe.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.config.Matrix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A probe with a matrix is one pair per environment and variant, spread like any pairs. */
class VariantPairsTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void everyVariantIsAPairInEveryEnvironmentNamedWithItsVariant() {
    CheckoutProbe checkout = new CheckoutProbe("checkout", List.of("staging", "production"),
        Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(10), 0, Map.of(),
        List.of(), List.of(), ClientSettings.NONE,
        new Matrix(Map.of("payment_method", List.of("visa", "amex"))));

    assertThat(ScheduledPair.of(List.of(checkout))).extracting(p -> p.key().toString())
        .containsExactly("checkout[visa]@staging", "checkout[amex]@staging",
            "checkout[visa]@production", "checkout[amex]@production");
  }

  @Test
  void variantsGetOffsetsOfTheirOwnAndAPairWithoutVariantKeepsItsOffset() {
    PairKey plain = new PairKey("checkout", "production");
    // FNV-1a over "checkout\0production", as before matrices: a restart after the upgrade keeps
    // the rhythm of every existing pair.
    long fnv = 0xcbf29ce484222325L;
    for (byte b : "checkout\0production".getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      fnv ^= (b & 0xff);
      fnv *= 0x100000001b3L;
    }
    assertThat(Spread.hash(plain)).isEqualTo(fnv);
    assertThat(plain).isEqualTo(new PairKey("checkout", "production", ""));

    List<Duration> offsets = List.of("visa", "mastercard", "amex").stream()
        .map(v -> Spread.offset(new PairKey("checkout", "production", v), MINUTE)).toList();
    assertThat(offsets).doesNotHaveDuplicates().doesNotContain(Spread.offset(plain, MINUTE));
  }
}
