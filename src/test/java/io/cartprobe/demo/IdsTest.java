package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The demo's ids never look like card numbers, which every cartprobe output masks. */
class IdsTest {

  @Test
  void tenThousandIdsHaveTheirShapeAndNoCardLikeDigitRun() {
    // Plain random hex has a 13-digit run in about one id in 200: some 50 of these.
    assertThat(IntStream.range(0, 10_000).mapToObj(i -> Ids.next("cart_")))
        .allMatch(id -> id.matches("cart_[0-9a-f]{16}"))
        .noneMatch(id -> id.matches(".*[0-9]{13}.*"));
  }
}
