package io.cartprobe.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code agent.otlp:}. */
final class OtlpReader {

  static final List<String> KEYS = List.of("endpoint", "protocol", "headers", "timeout");

  private static final List<String> PROTOCOLS =
      Arrays.stream(OtlpConfig.Protocol.values()).map(OtlpConfig.Protocol::wireName).toList();

  private OtlpReader() {}

  static Optional<OtlpConfig> read(Cursor c) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Optional.empty();
    }
    MapCursor m = map.get().allow(KEYS);
    Optional<String> endpoint = m.required("endpoint").flatMap(Cursor::httpUrl);
    OtlpConfig.Protocol protocol = m.get("protocol")
        .flatMap(v -> v.oneOf("protocol", PROTOCOLS))
        .map(name -> OtlpConfig.Protocol.values()[PROTOCOLS.indexOf(name)])
        .orElse(OtlpConfig.Protocol.HTTP_PROTOBUF);
    Map<String, String> headers = m.get("headers").map(Cursor::stringMap).orElse(Map.of());
    var timeout = m.get("timeout").flatMap(Cursor::duration).orElse(OtlpConfig.DEFAULT_TIMEOUT);
    return endpoint.map(e -> new OtlpConfig(e, protocol, headers, timeout));
  }
}
