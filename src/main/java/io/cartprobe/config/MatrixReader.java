package io.cartprobe.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads a probe's {@code matrix:}, reporting every mistake where it is written. */
final class MatrixReader {

  /** Keys become template names, values become label values joined by ','. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private MatrixReader() {}

  /** What a matrix key must not shadow: a var (probe's or an environment's) or an extraction. */
  record Taken(Set<String> vars, Map<String, String> extractedBy) {}

  /** The matrix as written, its keys known to templates even when it is rejected. */
  static Matrix read(Cursor c, Taken taken) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Matrix.NONE;
    }
    if (map.get().entries().isEmpty()) {
      c.error("expected at least one key, like payment_method: [visa, mastercard, amex]");
      return Matrix.NONE;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (MapCursor.Entry e : map.get().entries()) {
      if (!KEY.matcher(e.key()).matches()) {
        report(e, "invalid matrix key '" + e.key() + "' (use letters, digits and '_'; it is a template name)");
      } else if (taken.vars().contains(e.key())) {
        report(e, "matrix key '" + e.key() + "' clashes with a var of the same name (rename one)");
      } else if (taken.extractedBy().containsKey(e.key())) {
        report(e, "matrix key '" + e.key() + "' clashes with the value step '"
            + taken.extractedBy().get(e.key()) + "' extracts (rename one)");
      }
      values.put(e.key(), values(e.value()));
    }
    Matrix matrix = new Matrix(values);
    long size = values.values().stream().anyMatch(List::isEmpty) ? 0 : sizeOrMax(matrix);
    if (size > Matrix.MAX_VARIANTS) {
      c.error((size == Long.MAX_VALUE ? "too many" : String.valueOf(size)) + " variants ("
          + String.join(" x ", values.values().stream().map(v -> String.valueOf(v.size())).toList())
          + "); at most " + Matrix.MAX_VARIANTS + " a probe (split it into several probes)");
    }
    return matrix;
  }

  private static long sizeOrMax(Matrix matrix) {
    try {
      return matrix.size();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void report(MapCursor.Entry e, String message) {
    e.value().session().diagnostics().report(e.keyMark(), e.value().path(), message);
  }

  private static List<String> values(Cursor c) {
    List<Cursor> items = c.list().orElse(null);
    if (items == null) {
      return List.of();
    }
    if (items.isEmpty()) {
      c.error("expected at least one value, like [visa, mastercard, amex]");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Cursor item : items) {
      if (!(item.node() instanceof ScalarNode)) {
        item.error("expected a plain value (a string or number), found " + item.describe());
        continue;
      }
      item.name().ifPresent(v -> {
        if (v.contains(",")) {
          item.error("a matrix value must not contain ',' (it joins the values of a variant's id)");
        } else if (!out.add(v)) {
          item.error("duplicate matrix value " + item.shown(v));
        }
      });
    }
    return new ArrayList<>(out);
  }
}
