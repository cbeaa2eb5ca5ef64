package io.cartprobe.config;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML value with its key path ({@code probes[0].steps[1].expect}) and location. Every
 * typed read reports a mismatch itself and answers empty, so section readers never stop at
 * the first problem.
 */
record Cursor(Node raw, String path, Session session) {

  static final String DURATION_HINT = "a duration like 250ms, 30s, 5m, 1h or 14d";

  Node node() {
    return session.resolve(raw, path);
  }

  Mark mark() {
    return raw.getStartMark();
  }

  void error(String message) {
    session.diagnostics().report(mark(), path, message);
  }

  /** Reports where {@code snippet} is written inside this value, else at the value. */
  void errorAt(String snippet, String message) {
    session.diagnostics().reportWithin(raw.getStartMark(), raw.getEndMark(), snippet, path, message);
  }

  /** True when this value came (wholly or partly) from a {@code ${...}} reference. */
  boolean isInterpolated() {
    return session.origin(node()).isPresent();
  }

  /**
   * How a message may show {@code text}, a value read here or a part of it: {@code rendering},
   * unless it came from a {@code ${...}} (an API key, say), which is never printed.
   */
  String shown(String text, String rendering) {
    Optional<String> origin = session.origin(node());
    return origin.isPresent() && session.resolvedText(node()).contains(text) ? origin.get() : rendering;
  }

  /** {@code rendering} of this whole value, unless it came from a {@code ${...}}. */
  String shownValue(String rendering) {
    return session.origin(node()).orElse(rendering);
  }

  /** {@link #shown(String, String)} with the text in double quotes. */
  String shown(String text) {
    return shown(text, quote(text));
  }

  Cursor child(String key, Node value) {
    return new Cursor(value, path.isEmpty() ? key : path + "." + key, session);
  }

  Cursor item(int index, Node value) {
    return new Cursor(value, path + "[" + index + "]", session);
  }

  /** An empty value ({@code key:} or {@code ~}), which optional sections read as absent. */
  boolean isNull() {
    return node() instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** How a value looks, for "found ..." in messages. */
  String describe() {
    return switch (node()) {
      case MappingNode m -> "a map";
      case SequenceNode s -> "a list";
      case ScalarNode s when s.getTag().equals(Tag.NULL) -> s.getValue().isEmpty() ? "nothing" : "null";
      case ScalarNode s -> shown(s.getValue());
      default -> "an unsupported value";
    };
  }

  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
  }

  private <T> Optional<T> mismatch(String expected) {
    error("expected " + expected + ", found " + describe());
    return Optional.empty();
  }

  // ---- collections ----

  /** A map; an empty value counts as an empty map so commented-out sections are fine. */
  Optional<MapCursor> map() {
    if (isNull()) {
      return Optional.of(MapCursor.empty(this));
    }
    return node() instanceof MappingNode m ? Optional.of(MapCursor.of(this, m)) : mismatch("a map");
  }

  /** A list; an empty value counts as an empty list. */
  Optional<List<Cursor>> list() {
    if (isNull()) {
      return Optional.of(List.of());
    }
    if (!(node() instanceof SequenceNode seq)) {
      return mismatch("a list");
    }
    List<Cursor> items = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      items.add(item(i, seq.getValue().get(i)));
    }
    return Optional.of(items);
  }

  List<String> stringList() {
    return list().orElse(List.of()).stream().flatMap(c -> c.string().stream()).toList();
  }

  /** A map of string to string, e.g. {@code vars} or {@code headers}. */
  Map<String, String> stringMap() {
    return stringMap((c, v) -> {});
  }

  Map<String, String> stringMap(BiConsumer<Cursor, String> eachValue) {
    Map<String, String> out = new LinkedHashMap<>();
    map().ifPresent(m -> m.entries().forEach(e -> e.value().string().ifPresent(v -> {
      out.put(e.key(), v);
      eachValue.accept(e.value(), v);
    })));
    return out;
  }

  // ---- scalars ----

  /** Any non-empty scalar as its text: {@code name: 123} is the name "123". */
  Optional<String> string() {
    if (node() instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return Optional.of(s.getValue());
    }
    return mismatch("a string");
  }

  /** A name: a string that is not blank. */
  Optional<String> name() {
    return string().filter(s -> {
      if (s.isBlank()) error("must not be empty");
      return !s.isBlank();
    });
  }

  Optional<Integer> integer(int min, int max) {
    if (node() instanceof ScalarNode s && s.getTag().equals(Tag.INT)
        && session.scalarValue(s) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      BigDecimal value = new BigDecimal(n.toString());
      if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
        error(max == Integer.MAX_VALUE
            ? "must be at least " + min + ", found " + shown(s.getValue(), s.getValue())
            : "must be between " + min + " and " + max + ", found " + shown(s.getValue(), s.getValue()));
        return Optional.empty();
      }
      return Optional.of(value.intValue());
    }
    return mismatch("an integer");
  }

  Optional<BigDecimal> number() {
    if (node() instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
      Object value = session.scalarValue(s);
      if (value instanceof BigDecimal d) return Optional.of(d);
      if (value instanceof Number n && Double.isFinite(n.doubleValue())) return Optional.of(new BigDecimal(n.toString()));
    }
    return mismatch("a number");
  }

  Optional<Boolean> bool() {
    if (node() instanceof ScalarNode s && s.getTag().equals(Tag.BOOL) && session.scalarValue(s) instanceof Boolean b) {
      return Optional.of(b);
    }
    return mismatch("true or false");
  }

  /** A positive duration: every duration in probes.yaml is an interval, timeout or window. */
  Optional<Duration> duration() {
    if (node() instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      Optional<Duration> d = Durations.parse(s.getValue());
      if (d.isPresent() && d.get().isZero()) {
        error("must be greater than 0, found " + shown(s.getValue()));
        return Optional.empty();
      }
      if (d.isPresent()) return d;
    }
    return mismatch(DURATION_HINT);
  }

  /** A pattern in RE2 syntax (see {@link Regexes}). */
  Optional<Pattern> regex() {
    return string().flatMap(text -> Regexes.compile(this, text));
  }

  /** A string that must be one of {@code allowed}, with a hint for near misses. */
  Optional<String> oneOf(String what, List<String> allowed) {
    return string().flatMap(s -> {
      if (allowed.contains(s)) return Optional.of(s);
      error("unknown " + what + " " + shown(s, "'" + s + "'") + Suggest.closest(s, allowed)
          .map(c -> " (did you mean '" + c + "'?)")
          .orElse(" (expected " + String.join(", ", allowed.subList(0, allowed.size() - 1))
              + (allowed.size() > 1 ? " or " : "") + allowed.getLast() + ")"));
      return Optional.empty();
    });
  }

  Optional<String> httpUrl() {
    return string().flatMap(s -> {
      if (!s.regionMatches(true, 0, "http://", 0, 7) && !s.regionMatches(true, 0, "https://", 0, 8)) {
        error("expected an http:// or https:// URL, found " + shown(s));
        return Optional.empty();
      }
      return UrlEscapes.valid(this, s) ? Optional.of(s) : Optional.empty();
    });
  }

  /**
   * Any YAML value as a plain Java tree (LinkedHashMap, ArrayList, scalars keeping their YAML
   * types; null for YAML null). {@code eachString} sees every string leaf, e.g. to check its
   * templates.
   */
  Object plainValue(BiConsumer<Cursor, String> eachString) {
    Object v = new Tree(eachString).convert(this);
    return v == Tree.NULL ? null : v;
  }

  /** Converts a YAML subtree, refusing alias cycles, which a plain tree cannot hold. */
  private static final class Tree {
    static final Object NULL = new Object();
    private final BiConsumer<Cursor, String> eachString;
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

    Tree(BiConsumer<Cursor, String> eachString) {
      this.eachString = eachString;
    }

    Object convert(Cursor c) {
      Node node = c.node();
      if (!onPath.add(node)) {
        c.error("recursive alias is not allowed here");
        return NULL;
      }
      try {
        return switch (node) {
          case ScalarNode s -> {
            Object v = c.session().scalarValue(s);
            if (v instanceof String text) eachString.accept(c, text);
            yield v == null ? NULL : v;
          }
          case SequenceNode seq -> {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
              Object v = convert(c.item(i, seq.getValue().get(i)));
              out.add(v == NULL ? null : v);
            }
            yield out;
          }
          case MappingNode m -> {
            Map<String, Object> out = new LinkedHashMap<>();
            MapCursor.of(c, m).entries().forEach(e -> {
              Object v = convert(e.value());
              out.put(e.key(), v == NULL ? null : v);
            });
            yield out;
          }
          default -> NULL;
        };
      } finally {
        onPath.remove(node);
      }
    }
  }
}
