package io.cartprobe.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Compiles every user-supplied pattern with RE2/J, which matches in time linear in the input:
 * no pattern can make a probe backtrack past its deadline. The constructs RE2 leaves out are
 * named at load time, where they are written, with what to do instead.
 */
final class Regexes {

  /**
   * RE2/J's matcher recurses once per instruction on some paths: around 10,000 instructions
   * overflow a thread's stack, and a big program is slow on a big body anyway.
   */
  static final int MAX_PROGRAM_SIZE = 5_000;

  /** Nested counted repetitions multiply (RE2's own limit): {@code ((a{100}){100}){100}} is 10^6. */
  static final int MAX_REPEAT_PRODUCT = 1_000;

  private static final String RE2 = "patterns use RE2 syntax, which matches in linear time and"
      + " has no lookaround, backreferences, atomic groups or possessive quantifiers";

  /** A construct RE2 lacks: its name and the way around it. */
  private record Construct(String name, String hint) {}

  private Regexes() {}

  static Optional<Pattern> compile(Cursor at, String text) {
    long product = RegexScan.maxProduct(text);
    if (product > MAX_REPEAT_PRODUCT) {
      at.error("regex " + at.shown(text, "'" + text + "'") + " is too large: nested repetition"
          + " counts multiply to " + product + " (at most " + MAX_REPEAT_PRODUCT + ")");
      return Optional.empty();
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      unsupported(at, text, e);
      return Optional.empty();
    }
    if (pattern.programSize() > MAX_PROGRAM_SIZE) {
      at.error("regex " + at.shown(text, "'" + text + "'") + " is too large: "
          + pattern.programSize() + " instructions (at most " + MAX_PROGRAM_SIZE + ")");
      return Optional.empty();
    }
    return Optional.of(pattern);
  }

  private static void unsupported(Cursor at, String text, PatternSyntaxException e) {
    Optional<RegexScan.Found> found = RegexScan.unsupported(text);
    if (found.isEmpty()) {
      at.error("invalid regex " + at.shown(text, "'" + text + "'") + ": " + e.getDescription());
      return;
    }
    Construct c = construct(found.get().kind());
    String snippet = found.get().snippet();
    boolean hidden = at.isInterpolated();
    String message = c.name() + (hidden ? "" : " '" + snippet + "'") + " is not supported in "
        + at.shown(text, "'" + text + "'") + ": " + RE2 + " (" + c.hint() + ")";
    if (hidden) {
      at.error(message);
    } else {
      at.errorAt(snippet, message);
    }
  }

  private static Construct construct(RegexScan.Kind kind) {
    return switch (kind) {
      case LOOKAHEAD -> new Construct("lookahead", LOOKAROUND_HINT);
      case NEGATIVE_LOOKAHEAD -> new Construct("negative lookahead", LOOKAROUND_HINT);
      case LOOKBEHIND -> new Construct("lookbehind", LOOKAROUND_HINT);
      case NEGATIVE_LOOKBEHIND -> new Construct("negative lookbehind", LOOKAROUND_HINT);
      case BACKREFERENCE -> new Construct("backreference",
          "write the group's pattern again instead of referring to it");
      case ATOMIC_GROUP -> new Construct("atomic group",
          "write a plain group '(?:...)': RE2 never backtracks, so it is not needed");
      case POSSESSIVE -> new Construct("possessive quantifier",
          "drop the extra '+': RE2 never backtracks, so it is not needed");
    };
  }

  private static final String LOOKAROUND_HINT = "match the text itself, or split it into"
      + " several checks, e.g. a matches and a not_contains";
}
