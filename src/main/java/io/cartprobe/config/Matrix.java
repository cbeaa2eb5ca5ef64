package io.cartprobe.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe's {@code matrix:}: keys in the file's order, each with its values. Every combination
 * is a {@link Variant}, its own pair in every environment; the first key varies slowest.
 */
public record Matrix(Map<String, List<String>> values) {

  /** More variants than this is a config error: each one is a synthetic customer per interval. */
  public static final int MAX_VARIANTS = 64;

  /** A probe without a matrix: one variant, {@link Variant#NONE}. */
  public static final Matrix NONE = new Matrix(Map.of());

  public Matrix {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = Collections.unmodifiableMap(copy);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** How many combinations; computed without building them, so a huge matrix is cheap to refuse. */
  public long size() {
    long n = 1;
    for (List<String> v : values.values()) {
      n = Math.multiplyExact(n, (long) v.size());
    }
    return n;
  }

  /** Every combination in order, {@code [NONE]} without a matrix. */
  public List<Variant> variants() {
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(Map.of());
    for (Map.Entry<String, List<String>> key : values.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> row : rows) {
        for (String value : key.getValue()) {
          Map<String, String> more = new LinkedHashMap<>(row);
          more.put(key.getKey(), value);
          next.add(more);
        }
      }
      rows = next;
    }
    return rows.stream().map(Variant::of).toList();
  }
}
