package io.cartprobe.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unique names of one kind (probe, step, alert...) and references to them. */
final class Names {

  private final String kind;
  private final Map<String, Integer> firstLine = new LinkedHashMap<>();

  Names(String kind) {
    this.kind = kind;
  }

  /** Records {@code name}, reporting it at {@code at} when it was already defined. */
  void define(Cursor at, String name) {
    Integer line = firstLine.putIfAbsent(name, at.mark().getLine() + 1);
    if (line != null) {
      at.error("duplicate " + kind + " name " + at.shown(name, "'" + name + "'")
          + " (first defined at line " + line + ")");
    }
  }

  List<String> all() {
    return List.copyOf(firstLine.keySet());
  }

  /**
   * A list of references ({@code probes: [checkout]}), each checked against {@code defined};
   * only names that exist are returned.
   */
  static List<String> references(Cursor list, String kind, Collection<String> defined) {
    List<String> found = new ArrayList<>();
    for (Cursor item : list.list().orElse(List.of())) {
      item.string().ifPresent(name -> {
        if (defined.contains(name)) {
          if (!found.contains(name)) found.add(name);
        } else {
          item.error("unknown " + kind + " " + item.shown(name, "'" + name + "'")
              + (defined.isEmpty() ? " (none defined)" : Suggest.hint(name, defined, "defined")));
        }
      });
    }
    return found;
  }
}
