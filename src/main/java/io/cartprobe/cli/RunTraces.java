package io.cartprobe.cli;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.result.ResultSink;
import io.cartprobe.trace.TraceSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run}'s traces: a {@link TraceSink} when OTLP is configured, flushed (for at most
 * {@link TraceSink#CLOSE_WAIT}) before the command exits.
 */
final class RunTraces implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunTraces.class);

  private final Optional<TraceSink> sink;

  private RunTraces(Optional<TraceSink> sink) {
    this.sink = sink;
  }

  /** @throws IllegalArgumentException for OTEL_* settings the SDK rejects: exit 2 */
  static RunTraces open(CartprobeConfig config, Map<String, String> environment) {
    try {
      return new RunTraces(
          TraceSink.fromEnvironment(config, environment, new SimpleMeterRegistry()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("OpenTelemetry settings (OTEL_* or agent.otlp): "
          + e.getMessage(), e);
    }
  }

  ResultSink sink() {
    return sink.<ResultSink>map(s -> s).orElse(result -> {});
  }

  @Override
  public void close() {
    sink.ifPresent(s -> {
      s.close();
      if (s.droppedSpans() > 0) {
        log.warn("{} spans of this run's traces did not reach the OTLP collector",
            s.droppedSpans());
      }
    });
  }
}
