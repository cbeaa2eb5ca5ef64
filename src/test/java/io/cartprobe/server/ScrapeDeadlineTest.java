package io.cartprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code X-Prometheus-Scrape-Timeout-Seconds} turned into the run's deadline, as blackbox_exporter does. */
class ScrapeDeadlineTest {

  @Test
  void leavesHalfASecondForTheAnswerToTravelBack() {
    assertThat(AgentServer.scrapeDeadline("10")).contains(Duration.ofMillis(9500));
    assertThat(AgentServer.scrapeDeadline("2.5")).contains(Duration.ofMillis(2000));
  }

  @Test
  void aTimeoutShorterThanTheOffsetIsUsedWhole() {
    assertThat(AgentServer.scrapeDeadline("0.3")).contains(Duration.ofMillis(300));
  }

  @Test
  void absentOrGarbledHeaderMeansTheProbesOwnTimeout() {
    assertThat(AgentServer.scrapeDeadline(null)).isEmpty();
    assertThat(AgentServer.scrapeDeadline("soon")).isEmpty();
  }

  @Test
  void nonsenseTimeoutsAreIgnoredAndHugeOnesCapped() {
    for (String header : new String[] {"NaN", "0", "-5", "Infinity", "-Infinity"}) {
      assertThat(AgentServer.scrapeDeadline(header)).as(header).isEmpty();
    }
    assertThat(AgentServer.scrapeDeadline("1e12")).contains(Duration.ofMinutes(5).minusMillis(500));
    assertThat(AgentServer.scrapeDeadline("0.01")).contains(Duration.ofMillis(100));
  }
}
