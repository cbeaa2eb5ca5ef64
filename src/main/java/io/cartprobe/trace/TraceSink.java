package io.cartprobe.trace;

import io.cartprobe.Version;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ResultSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports one OpenTelemetry trace per probe run over OTLP (http/protobuf or grpc), as a result
 * sink. Building the spans is quick; sending them happens on the queue's own thread, so a slow or
 * absent collector never holds a probe up. See docs/tracing.md.
 */
public final class TraceSink implements ResultSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TraceSink.class);

  /** How long {@link #close()} waits for queued spans to reach the collector. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  /** One export that takes longer than this counts as failed. */
  static final Duration EXPORT_WAIT = Duration.ofSeconds(30);

  private final RunSpans spans;
  private final SpanQueue queue;
  private final SpanCounts counts;

  TraceSink(RunSpans spans, SpanQueue queue, SpanCounts counts) {
    this.spans = spans;
    this.queue = queue;
    this.counts = counts;
  }

  /**
   * A sink when {@code agent.otlp} or the OTEL_* environment asks for traces, else empty.
   *
   * @param env the process environment ({@code System.getenv()})
   * @param registry where {@code cartprobe_trace_spans_*} are counted
   * @throws IllegalArgumentException when the OTEL_* settings are invalid, with the SDK's reason
   */
  public static Optional<TraceSink> fromEnvironment(CartprobeConfig config,
      Map<String, String> env, MeterRegistry registry) {
    return fromEnvironment(config, env, registry, SpanQueue.DEFAULT_CAPACITY);
  }

  static Optional<TraceSink> fromEnvironment(CartprobeConfig config, Map<String, String> env,
      MeterRegistry registry, int queueCapacity) {
    return OtlpSettings.of(config.agent().otlp(), env).map(settings -> {
      Exporters.Built built = Exporters.build(settings, Version.current());
      InstrumentationScopeInfo scope =
          InstrumentationScopeInfo.builder("io.cartprobe").setVersion(Version.current()).build();
      RunSpans spans = new RunSpans(built.resource(), scope,
          Optional.ofNullable(config.agent().labels().get("location")), IdGenerator.random());
      SpanCounts counts = new SpanCounts(registry);
      return new TraceSink(spans, new SpanQueue(built.exporter(), counts, queueCapacity,
          EXPORT_WAIT), counts);
    });
  }

  /** Queues the run's spans; never blocks and never throws. */
  @Override
  public void accept(ProbeResult result) {
    try {
      queue.offer(spans.of(result));
    } catch (RuntimeException e) {
      log.warn("cannot build the trace of {} @ {}: {}", result.probe(), result.environment(),
          e.toString());
    }
  }

  /** Waits up to {@code max} for every queued span to be exported; false if some were not. */
  public boolean flush(Duration max) throws InterruptedException {
    return queue.flush(max);
  }

  /** Spans that did not reach the collector, for any reason, so far. */
  public long droppedSpans() {
    return counts.droppedTotal();
  }

  /** Flushes for at most {@link #CLOSE_WAIT}, then stops exporting. */
  @Override
  public void close() {
    queue.close(CLOSE_WAIT);
  }
}
