package io.cartprobe.trace;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/HTTP trace receiver: a JDK HttpServer on port 0 that decodes POST /v1/traces with
 * the OTLP proto classes, as a collector would, and answers as the spec says. It can be told to
 * answer with an error status or to hold every request (a collector that hangs).
 */
public final class OtlpHttpReceiver implements AutoCloseable {

  /** One span as received, with its resource's attributes. */
  public record Received(Span span, Map<String, Object> resource) {
    public String traceId() {
      return hex(span.getTraceId());
    }

    public String spanId() {
      return hex(span.getSpanId());
    }

    public String parentSpanId() {
      return hex(span.getParentSpanId());
    }

    public Map<String, Object> attributes() {
      return OtlpHttpReceiver.attributes(span.getAttributesList());
    }
  }

  private final HttpServer server;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean holding;

  private OtlpHttpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpHttpReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpHttpReceiver receiver = new OtlpHttpReceiver(server);
    server.createContext("/v1/traces", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      receiver.headers.add(new LinkedHashMap<>(exchange.getRequestHeaders()));
      if (receiver.holding) {
        try {
          receiver.released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int code = receiver.status;
      if (code == 200) {
        receiver.bodies.add(body);
        receiver.record(ExportTraceServiceRequest.parseFrom(body));
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    return receiver;
  }

  void record(ExportTraceServiceRequest request) {
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        ss.getSpansList().forEach(s -> spans.add(new Received(s, resource)));
      }
    }
  }

  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(int code) {
    status = code;
  }

  /** Every request waits until {@link #release()}: a collector that accepts but never answers. */
  void hold() {
    holding = true;
  }

  void release() {
    holding = false;
    released.countDown();
  }

  public List<Received> spans() {
    return List.copyOf(spans);
  }

  public List<Received> spansOf(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  int requests() {
    return headers.size();
  }

  List<byte[]> bodies() {
    return List.copyOf(bodies);
  }

  List<Map<String, List<String>>> headers() {
    return List.copyOf(headers);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BOOL_VALUE -> v.getBoolValue();
      case ARRAY_VALUE -> {
        List<Object> items = new ArrayList<>();
        v.getArrayValue().getValuesList().forEach(i -> items.add(value(i)));
        yield items;
      }
      default -> v.toString();
    };
  }
}
