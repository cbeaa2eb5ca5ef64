package io.cartprobe.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code agent.otlp}: where `agent` and `run` send one trace per probe run. The standard
 * {@code OTEL_EXPORTER_OTLP_*} environment variables override each of these.
 *
 * @param endpoint the collector's base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 *     ({@code http://collector:4318} for http/protobuf, {@code http://collector:4317} for grpc)
 * @param headers sent with every export, e.g. an API key; never printed
 * @param timeout for one export request
 */
public record OtlpConfig(String endpoint, Protocol protocol, Map<String, String> headers,
    Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The OTLP transports, by their {@code OTEL_EXPORTER_OTLP_PROTOCOL} names. */
  public enum Protocol {
    HTTP_PROTOBUF("http/protobuf"), GRPC("grpc");

    private final String wireName;

    Protocol(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public OtlpConfig {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Header values often carry an API key: show only their names. */
  @Override
  public String toString() {
    return "OtlpConfig[endpoint=" + endpoint + ", protocol=" + protocol.wireName() + ", headers="
        + headers.keySet() + ", timeout=" + timeout + "]";
  }
}
