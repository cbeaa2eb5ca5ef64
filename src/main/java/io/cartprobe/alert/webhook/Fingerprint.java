package io.cartprobe.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's alert fingerprint (Prometheus {@code model.LabelSet.Fingerprint}): FNV-1a 64 over
 * the label names and values sorted by name, each followed by the 0xff separator, printed as 16
 * hex digits. Computed the same way so receivers can match our webhook alerts to theirs.
 */
public final class Fingerprint {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final int SEPARATOR = 0xff;

  private Fingerprint() {}

  public static String of(Map<String, String> labels) {
    long hash = OFFSET;
    for (var label : new TreeMap<>(labels).entrySet()) {
      hash = add(hash, label.getKey());
      hash = addByte(hash, SEPARATOR);
      hash = add(hash, label.getValue());
      hash = addByte(hash, SEPARATOR);
    }
    return String.format("%016x", hash);
  }

  private static long add(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = addByte(hash, b & 0xff);
    }
    return hash;
  }

  private static long addByte(long hash, int b) {
    return (hash ^ b) * PRIME;
  }
}
