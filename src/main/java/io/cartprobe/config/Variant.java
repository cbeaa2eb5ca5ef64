package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One combination of a probe's matrix: its values by key, usable as {@code {{key}}} templates.
 *
 * @param id the values in the matrix's key order joined by {@code ,} ({@code amex},
 *     {@code amex,EUR}); {@code ""} for a probe without a matrix. It is the {@code variant}
 *     label of metrics and alerts and the third part of a pair's identity.
 */
public record Variant(String id, Map<String, String> values) {

  public static final Variant NONE = new Variant("", Map.of());

  public Variant {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static Variant of(Map<String, String> values) {
    return new Variant(String.join(",", values.values()), values);
  }

  public boolean isNone() {
    return id.isEmpty();
  }
}
