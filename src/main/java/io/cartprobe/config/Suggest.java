package io.cartprobe.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints: the closest known name, offered only when it is plausibly a typo. */
final class Suggest {

  private Suggest() {}

  static Optional<String> closest(String input, Collection<String> candidates) {
    String needle = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(needle, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // Short names tolerate one slip, longer ones two or three; beyond that a hint misleads.
    // A one- or two-letter name is only "close" to a different case of itself ('q' is not 'p').
    int allowed = needle.length() <= 2 ? 0 : needle.length() <= 4 ? 1 : needle.length() <= 8 ? 2 : 3;
    return best != null && bestDistance <= allowed && !best.equals(input)
        ? Optional.of(best) : Optional.empty();
  }

  /** {@code " (did you mean 'x'?)"} or {@code " (<label>: a, b, c)"} when nothing is close. */
  static String hint(String input, Collection<String> candidates, String label) {
    return closest(input, candidates)
        .map(c -> " (did you mean '" + c + "'?)")
        .orElseGet(() -> candidates.isEmpty() ? "" : " (" + label + ": " + String.join(", ", candidates) + ")");
  }

  /** {@code " (did you mean 'x'?)"} or nothing. */
  static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("intreval"). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
