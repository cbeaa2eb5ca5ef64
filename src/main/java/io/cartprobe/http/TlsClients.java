package io.cartprobe.http;

import io.cartprobe.config.TlsConfig;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TLS material built for each {@code tls:} setting in use, kept across runs: building one
 * reads the system trust store, which is too slow to do for every run. Old settings left behind
 * by a reload drop out once more than {@link #LIMIT} are in use.
 */
final class TlsClients {

  static final int LIMIT = 64;

  private final Map<TlsConfig, TlsMaterial> built = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<TlsConfig, TlsMaterial> eldest) {
      return size() > LIMIT;
    }
  };

  synchronized TlsMaterial material(TlsConfig tls) throws GeneralSecurityException {
    TlsMaterial material = built.get(tls);
    if (material == null) {
      material = TlsMaterial.build(tls);
      built.put(tls, material);
    }
    return material;
  }
}
