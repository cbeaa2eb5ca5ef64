package io.cartprobe.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writing helpers shared by the per-pair families: metadata lines in either exposition format,
 * label values escaped once when a pair is configured, labels in name order ({@code le} last,
 * as Micrometer wrote them), and numbers as the Prometheus client writes them.
 */
final class SeriesText {

  /** Labels in name order, each already rendered as {@code key="value"}. */
  record Labels(String[] keys, String[] rendered) {
    static final Labels NONE = new Labels(new String[0], new String[0]);
  }

  private SeriesText() {}

  /** {@code # HELP} and {@code # TYPE}; OpenMetrics names a counter's family without {@code _total}. */
  static void header(StringBuilder out, String name, String type, String help, boolean openMetrics) {
    String family = openMetrics && type.equals("counter") && name.endsWith("_total")
        ? name.substring(0, name.length() - "_total".length()) : name;
    out.append("# HELP ").append(family).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(family).append(' ').append(type).append('\n');
  }

  /**
   * The agent's labels and the given ones. A {@code variant} of {@code ""} is left out:
   * Prometheus stores an empty label as no label, so the series and every selector on it are the
   * same, minus the bytes.
   */
  static Labels labels(Map<String, String> agentLabels, String... keyValues) {
    TreeMap<String, String> all = new TreeMap<>(agentLabels);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (!(keyValues[i].equals("variant") && keyValues[i + 1].isEmpty())) {
        all.put(keyValues[i], keyValues[i + 1]);
      }
    }
    String[] keys = all.keySet().toArray(String[]::new);
    String[] rendered = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      rendered[i] = render(keys[i], all.get(keys[i]));
    }
    return new Labels(keys, rendered);
  }

  /** A series' own labels on top of its pair's, e.g. {@code result="success"}. */
  static Labels extra(String... keyValues) {
    return labels(Map.of(), keyValues);
  }

  /** {@code ,le="0.05"}: always the last label. */
  static String le(String value) {
    return "," + render("le", value);
  }

  static String render(String key, String value) {
    StringBuilder b = new StringBuilder(key.length() + value.length() + 3).append(key).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** {@code name{labels} value}. */
  static void sample(StringBuilder out, String name, Labels labels, Labels extra, double value) {
    out.append(name).append('{');
    merge(out, labels, extra);
    out.append("} ");
    number(out, value).append('\n');
  }

  /** Both label sets in name order (each is sorted already; extras never repeat a pair label). */
  static void merge(StringBuilder out, Labels a, Labels b) {
    int i = 0;
    int j = 0;
    boolean first = true;
    while (i < a.keys().length || j < b.keys().length) {
      boolean fromA = j >= b.keys().length
          || (i < a.keys().length && a.keys()[i].compareTo(b.keys()[j]) < 0);
      if (!first) {
        out.append(',');
      }
      out.append(fromA ? a.rendered()[i++] : b.rendered()[j++]);
      first = false;
    }
  }

  static StringBuilder number(StringBuilder out, double value) {
    if (Double.isNaN(value)) {
      return out.append("NaN");
    }
    if (Double.isInfinite(value)) {
      return out.append(value > 0 ? "+Inf" : "-Inf");
    }
    return out.append(value);
  }
}
