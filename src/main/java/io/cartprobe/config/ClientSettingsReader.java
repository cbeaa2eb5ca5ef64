package io.cartprobe.config;

import java.util.List;
import java.util.Optional;

/** Reads the {@code tls:} and {@code auth:} keys of an environment, probe or step. */
final class ClientSettingsReader {

  static final List<String> KEYS = List.of("tls", "auth");

  private ClientSettingsReader() {}

  static ClientSettings read(MapCursor m, List<Templates.Use> uses) {
    TlsConfig tls = m.get("tls").map(TlsReader::read).orElse(TlsConfig.NONE);
    Optional<AuthConfig> auth = m.get("auth").flatMap(a -> AuthReader.read(a, uses));
    return new ClientSettings(tls, auth);
  }
}
