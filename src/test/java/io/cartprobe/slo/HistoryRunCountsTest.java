package io.cartprobe.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.history.HistoryKey;
import io.cartprobe.history.RunHistory;
import io.cartprobe.result.Verdict;
import io.cartprobe.testing.Results;
import io.cartprobe.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An SLO counts a probe's checkouts whichever variant (card brand, currency) ran them. */
class HistoryRunCountsTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theRunsOfEveryVariantOfTheProbeCountAndNoOtherProbesOrEnvironments() {
    RunHistory history = new RunHistory(new TestClock(T0.plus(Duration.ofHours(1))));
    for (String variant : new String[] {"visa", "amex"}) {
      history.configure(new HistoryKey("checkout", "production", variant), 100);
    }
    history.configure(new HistoryKey("checkout", "staging", "visa"), 100);
    history.configure(new HistoryKey("search", "production"), 100);
    for (int i = 0; i < 4; i++) {
      Instant at = T0.plus(Duration.ofMinutes(i));
      history.accept(Results.result("checkout", "production").at(at).build().withVariant("visa"));
      history.accept(Results.result("checkout", "production").at(at)
          .verdict(i % 2 == 0 ? Verdict.FAILURE : Verdict.DEGRADED).build().withVariant("amex"));
      history.accept(Results.result("checkout", "staging").at(at).verdict(Verdict.FAILURE).build()
          .withVariant("visa"));
      history.accept(Results.result("search", "production").at(at).verdict(Verdict.FAILURE).build());
    }
    RunCounts counts = new HistoryRunCounts(history);
    RunCounts.Pair checkout = new RunCounts.Pair("checkout", "production");

    assertThat(counts.count(checkout, T0, T0.plus(Duration.ofHours(1))))
        .isEqualTo(new RunCounts.Counts(8, 2, 2));
    assertThat(counts.count(checkout, T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofHours(1))))
        .isEqualTo(new RunCounts.Counts(4, 1, 1));
    assertThat(counts.heldSince(checkout)).contains(T0);
    assertThat(counts.heldSince(new RunCounts.Pair("checkout", "nowhere"))).isEmpty();
  }
}
