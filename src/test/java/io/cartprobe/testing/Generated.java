package io.cartprobe.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Generated test cases from a fixed seed, so every run tries the same inputs and a failure
 * happens again on the next run. Each case draws from its own generator, seeded from the run's:
 * the failure message names that case seed and the input it built.
 *
 * <p>Lengths come out as the minimum or the maximum one time in ten each, since the edges are
 * where code breaks and a uniform draw seldom reaches them.
 */
public final class Generated {

  private Generated() {}

  /**
   * Builds {@code cases} inputs with {@code generate} and checks each with {@code property};
   * the first that fails (an assertion or any exception) fails the test, naming its input.
   */
  public static <T> void forEach(long seed, int cases, Function<SplittableRandom, T> generate,
      Consumer<T> property) {
    SplittableRandom run = new SplittableRandom(seed);
    for (int i = 0; i < cases; i++) {
      long caseSeed = run.nextLong();
      T input = generate.apply(new SplittableRandom(caseSeed));
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("case %d of %d (run seed %d, case seed %d) failed for %s: %s"
            .formatted(i + 1, cases, seed, caseSeed, input, e), e);
      }
    }
  }

  /** A string of {@code min} to {@code max} code points, each one of {@code alphabet}'s. */
  public static String string(SplittableRandom random, String alphabet, int min, int max) {
    int[] points = alphabet.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int n = length(random, min, max); n > 0; n--) {
      out.appendCodePoint(points[random.nextInt(points.length)]);
    }
    return out.toString();
  }

  /**
   * Up to {@code max} of any {@code char}, half the time kept to printable ASCII: lone
   * surrogates, controls and non-characters included.
   */
  public static String anyString(SplittableRandom random, int max) {
    boolean ascii = random.nextBoolean();
    StringBuilder out = new StringBuilder();
    for (int n = length(random, 0, max); n > 0; n--) {
      out.append((char) (ascii ? random.nextInt(0x20, 0x7f) : random.nextInt(0x10000)));
    }
    return out.toString();
  }

  /** One of {@code choices}, all equally likely. */
  @SafeVarargs
  public static <T> T oneOf(SplittableRandom random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** {@code min} to {@code max} inclusive, the ends more often than the middle. */
  public static int length(SplittableRandom random, int min, int max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> random.nextInt(min, max + 1);
    };
  }

  /** The start of a long input for a failure message; the case seed rebuilds all of it. */
  public static String abbreviate(String s, int limit) {
    return s.length() <= limit ? s
        : s.substring(0, limit) + "... (" + s.length() + " chars)";
  }
}
