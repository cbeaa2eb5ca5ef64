package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TraceContextTest {

  @Test
  void traceparentIsW3cWithTheRunsTraceIdAndAFreshSpan() {
    TraceContext trace = TraceContext.start(new SplittableRandom(7));

    String first = trace.nextTraceparent();
    String second = trace.nextTraceparent();

    assertThat(trace.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(first).matches("00-" + trace.traceId() + "-[0-9a-f]{16}-01");
    assertThat(second).startsWith("00-" + trace.traceId()).isNotEqualTo(first);
  }

  @Test
  void runsGetDifferentTraceIds() {
    SplittableRandom random = new SplittableRandom(7);
    assertThat(TraceContext.start(random).traceId())
        .isNotEqualTo(TraceContext.start(random).traceId());
  }
}
