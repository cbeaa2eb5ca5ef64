package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.state.AgentState;
import io.cartprobe.state.StateProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state database's metrics, named as docs/design.md lists them; promtool accepts them. */
class StateMetricsTest {

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  @TempDir Path dir;

  @AfterEach
  void close() {
    agent.close();
  }

  private List<String> lines() {
    return Arrays.asList(new MetricsExposition(agent).scrape(null).body().split("\n"));
  }

  @Test
  void sizeWritableResetsFailuresAndDrops() throws Exception {
    StateMetrics metrics = new StateMetrics(agent.registry());
    try (AgentState state = AgentState.open(dir.resolve("state.db"), Clock.systemUTC(), metrics,
        List::of)) {
      metrics.watch(state);
      metrics.movedAside(StateProblem.CORRUPT);
      metrics.writeFailed(StateProblem.FULL);
      metrics.writesDropped(3);
      long size = Files.size(dir.resolve("state.db"));
      assertThat(lines()).contains(
          "cartprobe_state_writable{location=\"eu\"} 1.0",
          "cartprobe_state_resets_total{location=\"eu\",reason=\"corrupt\"} 1.0",
          "cartprobe_state_write_failures_total{location=\"eu\",problem=\"full\"} 1.0",
          "cartprobe_state_writes_dropped_total{location=\"eu\"} 3.0");
      double reported = lines().stream().filter(l -> l.startsWith("cartprobe_state_size_bytes{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .findFirst().orElseThrow();
      assertThat(reported).isGreaterThanOrEqualTo(size);
      assertThat(lines()).contains("# TYPE cartprobe_state_size_bytes gauge",
          "# TYPE cartprobe_state_writable gauge", "# TYPE cartprobe_state_resets_total counter",
          "# TYPE cartprobe_state_write_failures_total counter",
          "# TYPE cartprobe_state_writes_dropped_total counter");
      Promtool.checkMetrics(String.join("\n", lines()) + "\n");
    }
  }
}
