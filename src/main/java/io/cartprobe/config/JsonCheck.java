package io.cartprobe.config;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.List;

/**
 * One check on a JSONPath's value. A bare scalar in YAML ({@code $.currency: USD}) is
 * {@link Equals}. Expected values keep their YAML types (string, number, boolean, null, list, map).
 */
public sealed interface JsonCheck {

  /** The key as written in probes.yaml, for messages. */
  String key();

  record Equals(Object expected) implements JsonCheck {
    public String key() { return "equals"; }
  }

  record NotEquals(Object expected) implements JsonCheck {
    public String key() { return "not_equals"; }
  }

  record Exists(boolean expected) implements JsonCheck {
    public String key() { return "exists"; }
  }

  /** gt, gte, lt, lte. */
  record Compare(Comparison op, BigDecimal bound) implements JsonCheck {
    public String key() { return op.key(); }
  }

  record In(List<Object> allowed) implements JsonCheck {
    public In {
      allowed = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(allowed));
    }
    public String key() { return "in"; }
  }

  /** A regex that must match the whole string value. */
  record Matches(Pattern regex) implements JsonCheck {
    public String key() { return "matches"; }
  }

  /** A string containing a substring, or an array containing an element. */
  record Contains(Object element) implements JsonCheck {
    public String key() { return "contains"; }
  }

  /** Length of a string, array or object. */
  record Length(int expected) implements JsonCheck {
    public String key() { return "length"; }
  }

  enum Comparison {
    GT("gt"), GTE("gte"), LT("lt"), LTE("lte");

    private final String key;

    Comparison(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public boolean holds(int compareResult) {
      return switch (this) {
        case GT -> compareResult > 0;
        case GTE -> compareResult >= 0;
        case LT -> compareResult < 0;
        case LTE -> compareResult <= 0;
      };
    }
  }
}
