package io.cartprobe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads {@code expect} and the {@code when} of a classifier, which has the same shape minus latency. */
final class ExpectReader {

  static final List<String> EXPECT_KEYS =
      List.of("status", "max_latency", "degraded_latency", "headers", "body", "json", "cert_valid_for");
  static final List<String> WHEN_KEYS = List.of("status", "headers", "body", "json");
  static final List<String> BODY_KEYS = List.of("contains", "not_contains", "matches");
  static final List<String> JSON_CHECKS =
      List.of("equals", "not_equals", "exists", "gt", "gte", "lt", "lte", "in", "matches", "contains", "length");

  /**
   * A classifier without {@code status} must not be limited to 2xx (failed steps are mostly
   * not 2xx): it accepts every status class.
   */
  static final StatusExpectation ANY_STATUS = new StatusExpectation(List.of(
      new StatusExpectation.Pattern.Class(1), new StatusExpectation.Pattern.Class(2),
      new StatusExpectation.Pattern.Class(3), new StatusExpectation.Pattern.Class(4),
      new StatusExpectation.Pattern.Class(5)));

  private static final String STATUS_HINT = "a status like 200, \"2xx\" or [200, 201]";

  private ExpectReader() {}

  static Expect expect(Cursor c) {
    return read(c, EXPECT_KEYS, StatusExpectation.ANY_2XX);
  }

  static Expect when(Cursor c) {
    return read(c, WHEN_KEYS, ANY_STATUS);
  }

  private static Expect read(Cursor c, List<String> keys, StatusExpectation defaultStatus) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Expect.defaults();
    }
    MapCursor m = map.get().allow(keys);
    var status = m.get("status").flatMap(ExpectReader::status).orElse(defaultStatus);
    var max = m.get("max_latency").flatMap(Cursor::duration);
    var degraded = m.get("degraded_latency").flatMap(Cursor::duration);
    if (max.isPresent() && degraded.isPresent() && degraded.get().compareTo(max.get()) >= 0) {
      m.get("degraded_latency").orElseThrow()
          .error("must be less than max_latency (" + Durations.format(max.get()) + ")");
    }
    var headers = m.get("headers").map(ExpectReader::headers).orElse(List.of());
    var body = m.get("body").map(ExpectReader::body).orElse(List.of());
    var json = m.get("json").map(ExpectReader::json).orElse(List.of());
    var cert = m.get("cert_valid_for").flatMap(Cursor::duration);
    return new Expect(status, max, degraded, headers, body, json, cert);
  }

  static Optional<StatusExpectation> status(Cursor c) {
    if (c.node() instanceof SequenceNode) {
      List<Cursor> items = c.list().orElse(List.of());
      if (items.isEmpty()) {
        c.error("expected at least one status");
        return Optional.empty();
      }
      List<StatusExpectation.Pattern> patterns = new ArrayList<>();
      for (Cursor item : items) {
        if (item.node() instanceof ScalarNode) {
          statusPattern(item, "a status like 200 or \"2xx\"").ifPresent(patterns::add);
        } else {
          item.error("expected a status like 200 or \"2xx\", found " + item.describe());
        }
      }
      return patterns.size() == items.size() ? Optional.of(new StatusExpectation(patterns)) : Optional.empty();
    }
    if (!(c.node() instanceof ScalarNode)) {
      c.error("expected " + STATUS_HINT + ", found " + c.describe());
      return Optional.empty();
    }
    return statusPattern(c, STATUS_HINT).map(p -> new StatusExpectation(List.of(p)));
  }

  private static Optional<StatusExpectation.Pattern> statusPattern(Cursor c, String hint) {
    String text = ((ScalarNode) c.node()).getValue().trim();
    if (text.matches("[1-5][xX][xX]")) {
      return Optional.of(new StatusExpectation.Pattern.Class(text.charAt(0) - '0'));
    }
    if (text.matches("\\d{1,9}") && !c.node().getTag().equals(Tag.NULL)) {
      int code = Integer.parseInt(text);
      if (code < 100 || code > 599) {
        c.error("status code must be between 100 and 599, found " + c.shown(text, text));
        return Optional.empty();
      }
      return Optional.of(new StatusExpectation.Pattern.Code(code));
    }
    c.error("expected " + hint + ", found " + c.describe());
    return Optional.empty();
  }

  private static List<HeaderCheck> headers(Cursor c) {
    List<HeaderCheck> checks = new ArrayList<>();
    c.map().ifPresent(m -> m.entries().forEach(e ->
        e.value().regex().ifPresent(p -> checks.add(new HeaderCheck(e.key(), p)))));
    return checks;
  }

  private static List<BodyCheck> body(Cursor c) {
    List<BodyCheck> checks = new ArrayList<>();
    c.map().ifPresent(m -> m.allow(BODY_KEYS).entries().forEach(e -> {
      for (Cursor one : oneOrMany(e.value())) {
        switch (e.key()) {
          case "contains" -> one.string().ifPresent(s -> checks.add(new BodyCheck.Contains(s)));
          case "not_contains" -> one.string().ifPresent(s -> checks.add(new BodyCheck.NotContains(s)));
          case "matches" -> one.regex().ifPresent(p -> checks.add(new BodyCheck.Matches(p)));
          default -> { } // reported by allow()
        }
      }
    }));
    return checks;
  }

  /** {@code S} or {@code [S, ...]}. */
  private static List<Cursor> oneOrMany(Cursor c) {
    return c.node() instanceof SequenceNode ? c.list().orElse(List.of()) : List.of(c);
  }

  static List<JsonAssertion> json(Cursor c) {
    List<JsonAssertion> assertions = new ArrayList<>();
    c.map().ifPresent(m -> m.entries().forEach(e -> {
      var path = JsonPaths.compile(e.value(), e.key());
      List<JsonCheck> checks = jsonChecks(e.value());
      path.ifPresent(p -> assertions.add(new JsonAssertion(e.key(), p, checks)));
    }));
    return assertions;
  }

  @SuppressWarnings("unchecked") // a YAML sequence always converts to a List<Object>
  private static Optional<JsonCheck> inCheck(Cursor v) {
    if (v.node() instanceof SequenceNode) {
      return Optional.of(new JsonCheck.In((List<Object>) v.plainValue((at, s) -> {})));
    }
    v.error("expected a list, found " + v.describe());
    return Optional.empty();
  }

  /** A scalar or list is "equals"; a map holds named checks. */
  private static List<JsonCheck> jsonChecks(Cursor c) {
    if (!(c.node() instanceof MappingNode)) {
      return List.of(new JsonCheck.Equals(c.plainValue((at, s) -> {})));
    }
    List<JsonCheck> checks = new ArrayList<>();
    MapCursor m = c.map().orElseThrow();
    for (MapCursor.Entry e : m.entries()) {
      Cursor v = e.value();
      if (!JSON_CHECKS.contains(e.key())) {
        c.session().diagnostics().report(e.keyMark(), v.path(),
            "unknown check" + Suggest.hint(e.key(), JSON_CHECKS, "expected one of"));
        continue;
      }
      Optional<? extends JsonCheck> check = switch (e.key()) {
        case "equals" -> Optional.of(new JsonCheck.Equals(v.plainValue((at, s) -> {})));
        case "not_equals" -> Optional.of(new JsonCheck.NotEquals(v.plainValue((at, s) -> {})));
        case "exists" -> v.bool().map(JsonCheck.Exists::new);
        case "gt", "gte", "lt", "lte" -> v.number().map(n -> new JsonCheck.Compare(
            JsonCheck.Comparison.valueOf(e.key().toUpperCase(Locale.ROOT)), n));
        case "in" -> inCheck(v);
        case "matches" -> v.regex().map(JsonCheck.Matches::new);
        case "contains" -> Optional.of(new JsonCheck.Contains(v.plainValue((at, s) -> {})));
        default -> v.integer(0, Integer.MAX_VALUE).map(JsonCheck.Length::new);
      };
      check.ifPresent(checks::add);
    }
    if (m.keys().isEmpty()) {
      c.error("expected at least one check (" + String.join(", ", JSON_CHECKS) + ")");
    }
    return checks;
  }
}
