package io.cartprobe.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A lexical walk over a pattern's text (escapes, {@code \Q...\E}, character classes, groups):
 * enough to name what RE2 refuses and to see how counted repetitions nest, before RE2/J
 * expands them.
 */
final class RegexScan {

  enum Kind {
    LOOKAHEAD, NEGATIVE_LOOKAHEAD, LOOKBEHIND, NEGATIVE_LOOKBEHIND, BACKREFERENCE, ATOMIC_GROUP,
    POSSESSIVE
  }

  /** The first refused construct, as written in the pattern. */
  record Found(Kind kind, String snippet) {}

  private RegexScan() {}

  static Optional<Found> unsupported(String p) {
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        char next = i + 1 < p.length() ? p.charAt(i + 1) : 0;
        if (!inClass && next >= '1' && next <= '9') {
          return found(Kind.BACKREFERENCE, p, i, i + 2);
        }
        if (!inClass && next == 'k' && p.startsWith("<", i + 2)) {
          int close = p.indexOf('>', i);
          return found(Kind.BACKREFERENCE, p, i, close < 0 ? p.length() : close + 1);
        }
        i = next == 'Q' ? quotedEnd(p, i) : i + 1;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        i = classStart(p, i);
      } else if (c == '(') {
        for (var g : GROUPS) {
          if (p.startsWith(g.prefix(), i)) {
            return found(g.kind(), p, i, i + g.prefix().length());
          }
        }
      } else if ("*+?}".indexOf(c) >= 0 && p.startsWith("+", i + 1)
          && !(c == '?' && i > 0 && p.charAt(i - 1) == '(')) {
        return found(Kind.POSSESSIVE, p, i, i + 2);
      }
    }
    return Optional.empty();
  }

  private record Group(String prefix, Kind kind) {}

  private static final Group[] GROUPS = {
      new Group("(?=", Kind.LOOKAHEAD), new Group("(?!", Kind.NEGATIVE_LOOKAHEAD),
      new Group("(?<=", Kind.LOOKBEHIND), new Group("(?<!", Kind.NEGATIVE_LOOKBEHIND),
      new Group("(?>", Kind.ATOMIC_GROUP)};

  private static Optional<Found> found(Kind kind, String p, int from, int to) {
    return Optional.of(new Found(kind, p.substring(from, to)));
  }

  /**
   * The largest product of nested counted repetitions, {@code x{n}} or {@code x{n,m}} counting
   * the larger bound: RE2/J writes that many copies of the innermost atom into its program.
   */
  static long maxProduct(String p) {
    Deque<long[]> groups = new ArrayDeque<>(); // per open group: {largest product inside}
    groups.push(new long[] {1});
    long last = 1; // product of the atom just read, which a following {n} multiplies
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (inClass) {
        if (c == '\\') {
          i++;
        } else if (c == ']') {
          inClass = false;
        }
        continue;
      }
      switch (c) {
        case '\\' -> {
          i = p.startsWith("Q", i + 1) ? quotedEnd(p, i) : i + 1;
          last = 1;
        }
        case '[' -> {
          inClass = true;
          i = classStart(p, i);
          last = 1;
        }
        case '(' -> {
          groups.push(new long[] {1});
          last = 1;
        }
        case ')' -> last = groups.size() > 1 ? groups.pop()[0] : 1;
        case '{' -> {
          int close = p.indexOf('}', i);
          long count = close < 0 ? -1 : count(p.substring(i + 1, close));
          if (count >= 0) {
            last = Math.min(last * Math.max(count, 1), Integer.MAX_VALUE);
            i = close;
          } else {
            last = 1;
          }
        }
        default -> {
          if ("*+?|".indexOf(c) < 0) {
            last = 1;
          }
        }
      }
      long[] top = groups.peek();
      top[0] = Math.max(top[0], last);
    }
    return groups.getLast()[0];
  }

  /** The larger bound of {@code n}, {@code n,} or {@code n,m}; -1 when it is not a count. */
  private static long count(String inside) {
    if (!inside.matches("\\d{1,6}(,\\d{0,6})?")) {
      return -1;
    }
    String[] bounds = inside.split(",", -1);
    long low = Long.parseLong(bounds[0]);
    return bounds.length == 1 || bounds[1].isEmpty() ? low : Math.max(low, Long.parseLong(bounds[1]));
  }

  /** The index of the {@code E} closing {@code \Q...}, or the last index. */
  private static int quotedEnd(String p, int backslash) {
    int end = p.indexOf("\\E", backslash + 2);
    return end < 0 ? p.length() - 1 : end + 1;
  }

  /** Skips {@code ^} and a leading {@code ]}, which are part of a class, not its end. */
  private static int classStart(String p, int open) {
    int i = open;
    if (p.startsWith("^", i + 1)) {
      i++;
    }
    if (p.startsWith("]", i + 1)) {
      i++;
    }
    return i;
  }
}
