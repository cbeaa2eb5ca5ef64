package io.cartprobe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.ConfigLoader;
import io.cartprobe.probe.ProbeRunner;
import io.cartprobe.result.ProbeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OTLP over gRPC: the collector is a real HTTP/2 (cleartext, prior knowledge) server speaking the
 * gRPC wire format: length-prefixed protobuf messages, {@code grpc-status} in the trailers.
 */
class GrpcExportTest {

  private final MockWebServer shop = new MockWebServer();
  private final MockWebServer collector = new MockWebServer();
  private TraceSink sink;

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.close();
    }
    collector.close();
    shop.close();
  }

  @Test
  void aRunsTraceGoesToTheTraceServiceOverGrpc() throws Exception {
    shop.start();
    collector.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    collector.start();
    shop.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    collector.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/grpc")
        .body(new Buffer().write(grpcFrame(ExportTraceServiceResponse.getDefaultInstance()
            .toByteArray())))
        .trailers(Headers.of("grpc-status", "0"))
        .build());
    String endpoint = collector.url("/").toString().replaceAll("/$", "");
    CartprobeConfig config = new ConfigLoader(Map.of()).parse("probes.yaml", """
        agent:
          otlp: {endpoint: "%s", protocol: grpc}
        environments:
          staging: {vars: {base_url: "%s"}}
        probes:
          - name: gateway-health
            type: checkout
            steps:
              - name: health
                component: payment-gateway
                request: {url: "{{base_url}}/health"}
        """.formatted(endpoint, shop.url("/").toString().replaceAll("/$", "")), Path.of("."));
    ProbeResult result = new ProbeRunner(new OkHttpClient(), Clock.systemUTC(), "test")
        .run(config.probes().getFirst(), config.environments().get("staging"));

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    sink = TraceSink.fromEnvironment(config, Map.of(), registry).orElseThrow();
    sink.accept(result);
    assertThat(sink.flush(Duration.ofSeconds(30))).isTrue();

    RecordedRequest export = collector.takeRequest(5, TimeUnit.SECONDS);
    assertThat(export).isNotNull();
    assertThat(export.getTarget())
        .isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
    assertThat(export.getHeaders().get("content-type")).startsWith("application/grpc");
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(grpcMessage(export.getBody().toByteArray()));
    OtlpHttpReceiver.Received[] spans = request.getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .map(s -> new OtlpHttpReceiver.Received(s, Map.of()))
        .toArray(OtlpHttpReceiver.Received[]::new);
    assertThat(spans).extracting(OtlpHttpReceiver.Received::traceId)
        .containsOnly(result.traceId());
    assertThat(spans).extracting(OtlpHttpReceiver.Received::spanId)
        .containsExactlyInAnyOrder(result.spanId(), result.steps().getFirst().spanId());
    String parentTheShopSaw = shop.takeRequest().getHeaders().get("traceparent").split("-")[2];
    assertThat(Arrays.stream(spans).filter(s -> s.spanId().equals(parentTheShopSaw)))
        .singleElement()
        .satisfies(step -> assertThat(step.parentSpanId()).isEqualTo(result.spanId()));
    assertThat(registry.get("cartprobe.trace.spans.exported").counter().count()).isEqualTo(2);
  }

  /** gRPC's framing: a compressed flag byte, a four-byte big-endian length, the message. */
  private static byte[] grpcFrame(byte[] message) {
    return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length)
        .put(message).array();
  }

  private static byte[] grpcMessage(byte[] frame) {
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    assertThat(buffer.get()).as("uncompressed").isZero();
    byte[] message = new byte[buffer.getInt()];
    buffer.get(message);
    return message;
  }
}
