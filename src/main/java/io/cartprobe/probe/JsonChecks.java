package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import io.cartprobe.config.JsonAssertion;
import io.cartprobe.config.JsonCheck;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates {@code expect.json} checks on a parsed document. Every check but
 * {@code exists: false} needs the path to be present: a missing field is a failure, not a pass.
 */
final class JsonChecks {

  static final String ABSENT = "<absent>";

  private JsonChecks() {}

  /** @throws Deadline.Exceeded when the lookup or a match is still going at the deadline */
  static List<AssertionResult> evaluate(JsonAssertion assertion, Object document,
      Deadline deadline) {
    Json.Lookup found = Json.read(assertion.compiled(), document, deadline);
    return assertion.checks().stream()
        .map(c -> evaluate(assertion.path(), c, found, deadline)).toList();
  }

  private static AssertionResult evaluate(String path, JsonCheck check, Json.Lookup found,
      Deadline deadline) {
    String name = "json " + path + " " + check.key();
    String actual = switch (found) {
      case Json.Found f -> check instanceof JsonCheck.Length ? lengthText(f.value())
          : Json.render(f.value());
      case Json.Absent a -> ABSENT;
    };
    boolean passed;
    try {
      passed = holds(check, found, deadline);
    } catch (Deadline.Exceeded e) {
      throw e;
    } catch (RuntimeException e) {
      // A check must never break the run; an odd value simply fails it.
      passed = false;
    }
    return new AssertionResult(name, expected(check), actual, passed);
  }

  private static boolean holds(JsonCheck check, Json.Lookup found, Deadline deadline) {
    if (check instanceof JsonCheck.Exists(boolean expected)) {
      return (found instanceof Json.Found) == expected;
    }
    if (!(found instanceof Json.Found(Object v))) {
      return false;
    }
    return switch (check) {
      case JsonCheck.Equals(Object expected) -> Json.sameValue(expected, v);
      case JsonCheck.NotEquals(Object expected) -> !Json.sameValue(expected, v);
      case JsonCheck.Exists e -> true;
      case JsonCheck.Compare(JsonCheck.Comparison op, BigDecimal bound) ->
          Json.decimal(v).map(d -> op.holds(d.compareTo(bound))).orElse(false);
      case JsonCheck.In(List<Object> allowed) ->
          allowed.stream().anyMatch(a -> Json.sameValue(a, v));
      case JsonCheck.Matches(var regex) -> scalarText(v)
          .map(t -> regex.matcher(DeadlineText.of(t, deadline)).matches()).orElse(false);
      case JsonCheck.Contains(Object element) -> switch (v) {
        case String s -> element != null && s.contains(Json.text(element));
        case List<?> list -> list.stream().anyMatch(item -> Json.sameValue(element, item));
        default -> false;
      };
      case JsonCheck.Length(int expected) -> length(v).map(n -> n == expected).orElse(false);
    };
  }

  /** Strings as they are, numbers and booleans by their JSON text; objects, arrays, null: none. */
  private static Optional<String> scalarText(Object v) {
    return switch (v) {
      case String s -> Optional.of(s);
      case Number n -> Optional.of(Json.text(n));
      case Boolean b -> Optional.of(b.toString());
      case null, default -> Optional.empty();
    };
  }

  private static Optional<Integer> length(Object v) {
    return switch (v) {
      case String s -> Optional.of(s.length());
      case List<?> l -> Optional.of(l.size());
      case Map<?, ?> m -> Optional.of(m.size());
      case null, default -> Optional.empty();
    };
  }

  private static String lengthText(Object v) {
    return length(v).map(n -> "length " + n).orElse(Json.render(v) + " (no length)");
  }

  private static String expected(JsonCheck check) {
    return switch (check) {
      case JsonCheck.Equals(Object e) -> Json.render(e);
      case JsonCheck.NotEquals(Object e) -> "not " + Json.render(e);
      case JsonCheck.Exists(boolean e) -> e ? "present" : ABSENT;
      case JsonCheck.Compare(JsonCheck.Comparison op, BigDecimal bound) -> switch (op) {
        case GT -> "> ";
        case GTE -> ">= ";
        case LT -> "< ";
        case LTE -> "<= ";
      } + bound.toPlainString();
      case JsonCheck.In(List<Object> allowed) -> "one of " + Json.render(allowed);
      case JsonCheck.Matches(var regex) -> "matches /" + regex.pattern() + "/";
      case JsonCheck.Contains(Object e) -> "contains " + Json.render(e);
      case JsonCheck.Length(int n) -> "length " + n;
    };
  }
}
