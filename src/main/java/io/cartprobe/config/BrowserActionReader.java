package io.cartprobe.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads a step's {@code browser:} list. Each item is a map with one action key, plus optional
 * {@code frame} and {@code timeout}; an action takes a string (its selector, URL, key or
 * expression) or a map of its fields. Text values are collected as templates.
 */
final class BrowserActionReader {

  static final List<String> ACTIONS = List.of("goto", "fill", "click", "wait_for", "expect_text",
      "select", "press", "wait_for_url", "expect_url", "evaluate", "screenshot");
  private static final List<String> COMMON = List.of("frame", "timeout");
  /** Every key an action item may have. */
  static final List<String> KEYS =
      java.util.stream.Stream.concat(ACTIONS.stream(), COMMON.stream()).toList();

  private BrowserActionReader() {}

  static List<BrowserAction> read(Cursor c, List<Templates.Use> uses) {
    List<BrowserAction> out = new ArrayList<>();
    List<Cursor> items = c.list().orElse(List.of());
    if (items.isEmpty() && !c.isNull()) {
      c.error("expected at least one action (" + String.join(", ", ACTIONS) + ")");
    }
    for (Cursor item : items) {
      item.map().ifPresent(m -> action(item, m, uses).ifPresent(out::add));
    }
    return out;
  }

  private static Optional<BrowserAction> action(Cursor item, MapCursor m, List<Templates.Use> uses) {
    m.allow(KEYS);
    List<String> verbs = m.keys().stream().filter(ACTIONS::contains).toList();
    if (verbs.size() != 1) {
      item.error(verbs.isEmpty() ? "expected one action: " + String.join(", ", ACTIONS)
          : "one action per item, found " + String.join(", ", verbs));
      return Optional.empty();
    }
    String verb = verbs.getFirst();
    Fields f = new Fields(m.get(verb).orElseThrow(), uses);
    Optional<String> frame = m.get("frame").flatMap(Cursor::string).or(() -> f.optional("frame"));
    Optional<Duration> timeout = m.get("timeout").flatMap(Cursor::duration).or(f::timeout);
    Optional<BrowserAction.Act> act = switch (verb) {
      case "goto" -> f.text("url").map(BrowserAction.Goto::new);
      case "fill" -> f.both("value").map(p -> new BrowserAction.Fill(p[0], p[1]));
      case "click" -> f.selector().map(BrowserAction.Click::new);
      case "wait_for" -> f.selector().map(BrowserAction.WaitFor::new);
      case "expect_text" -> f.both("contains").map(p -> new BrowserAction.ExpectText(p[0], p[1]));
      case "select" -> f.both("value").map(p -> new BrowserAction.Select(p[0], p[1]));
      case "press" -> f.text("key").map(k -> new BrowserAction.Press(f.optional("selector"), k));
      case "wait_for_url" -> f.text("contains").map(BrowserAction.WaitForUrl::new);
      case "expect_url" -> f.text("contains").map(BrowserAction.ExpectUrl::new);
      case "evaluate" -> f.text("expression").map(BrowserAction.Evaluate::new);
      case "screenshot" -> Optional.of(new BrowserAction.Screenshot(
          f.scalarOrKey("name").orElse("screenshot")));
      default -> Optional.empty();
    };
    return act.map(a -> new BrowserAction(a, frame, timeout));
  }

  /** The value of one action key: a scalar (its main field) or a map of fields. */
  private static final class Fields {
    private final Cursor at;
    private final Optional<MapCursor> map;
    private final List<Templates.Use> uses;

    Fields(Cursor at, List<Templates.Use> uses) {
      this.at = at;
      this.uses = uses;
      this.map = at.node() instanceof MappingNode ? at.map() : Optional.empty();
      map.ifPresent(mc -> mc.allow(List.of("selector", "value", "contains", "key", "url",
          "expression", "name", "frame", "timeout")));
    }

    /** The main field: the scalar itself, or {@code key} of the map (required). */
    Optional<String> text(String key) {
      Optional<String> s = scalarOrKey(key);
      if (s.isEmpty() && map.isPresent()) {
        map.get().required(key);
      } else if (s.isEmpty() && !at.isNull()) {
        at.string();
      } else if (s.isEmpty()) {
        at.error("expected " + key);
      }
      return s;
    }

    Optional<String> scalarOrKey(String key) {
      if (map.isPresent()) {
        return map.get().get(key).flatMap(v -> use(v, v.string()));
      }
      return at.isNull() ? Optional.empty() : use(at, at.string());
    }

    Optional<String> selector() {
      return text("selector");
    }

    /** A selector and a second required field; needs the map form. */
    Optional<String[]> both(String key) {
      if (map.isEmpty()) {
        at.error("expected a map with selector and " + key);
        return Optional.empty();
      }
      Optional<String> sel = map.get().required("selector").flatMap(v -> use(v, v.string()));
      Optional<String> other = map.get().required(key).flatMap(v -> use(v, v.string()));
      return sel.isPresent() && other.isPresent()
          ? Optional.of(new String[] {sel.get(), other.get()}) : Optional.empty();
    }

    Optional<String> optional(String key) {
      return map.flatMap(mc -> mc.get(key)).flatMap(v -> use(v, v.string()));
    }

    Optional<Duration> timeout() {
      return map.flatMap(mc -> mc.get("timeout")).flatMap(Cursor::duration);
    }

    private Optional<String> use(Cursor c, Optional<String> s) {
      s.ifPresent(text -> uses.add(new Templates.Use(c, text)));
      return s;
    }
  }
}
