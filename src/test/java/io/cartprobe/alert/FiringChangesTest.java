package io.cartprobe.alert;

import static io.cartprobe.alert.EngineHarness.T0;
import static io.cartprobe.alert.Rules.rule;
import static io.cartprobe.testing.Results.ok;
import static io.cartprobe.testing.Results.paymentRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cartprobe.config.AlertCondition.ConsecutiveFailures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the firing gauge is told: each instance once, then only those that flip. */
class FiringChangesTest {

  @Test
  void everyInstanceIsToldOnceThenOnlyThoseThatStartOrStopFiring() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(1), 1)));
    h.feed(ok("checkout", "production", T0));
    h.feed(ok("checkout", "staging", T0));

    assertThat(h.engine.firingChanges()).extracting(AlertStatus::env, AlertStatus::firing)
        .containsExactly(tuple("production", false), tuple("staging", false));
    assertThat(h.engine.firingChanges()).isEmpty();

    long before = h.engine.version();
    h.feed(paymentRejected("checkout", "production", T0.plusSeconds(60)));
    assertThat(h.engine.version()).isGreaterThan(before);
    h.feed(paymentRejected("checkout", "production", T0.plusSeconds(120)));
    h.feed(ok("checkout", "staging", T0.plusSeconds(120)));
    assertThat(h.engine.firingChanges()).extracting(AlertStatus::env, AlertStatus::firing)
        .containsExactly(tuple("production", true));

    h.feed(ok("checkout", "production", T0.plusSeconds(180)));
    assertThat(h.engine.firingChanges()).extracting(AlertStatus::env, AlertStatus::firing)
        .containsExactly(tuple("production", false));
  }

  @Test
  void theVersionStandsStillWhileNoInstanceChanges() {
    var h = new EngineHarness(List.of(rule("checkout-failing", new ConsecutiveFailures(3), 1)));
    h.feed(ok("checkout", "production", T0));
    long version = h.engine.version();

    h.feed(ok("checkout", "production", T0.plusSeconds(60)));
    h.feed(paymentRejected("checkout", "production", T0.plusSeconds(120)));

    assertThat(h.engine.version()).isEqualTo(version);
  }
}
