package io.cartprobe;

/**
 * Counts in words, for every message a person reads: "1 consecutive failure", "3 runs". Every
 * noun cartprobe counts takes a plain "s"; the two-argument form is there for one that will not.
 */
public final class Words {

  private Words() {}

  /** "1 run", "0 runs", "2 runs". */
  public static String count(long n, String singular) {
    return count(n, singular, singular + "s");
  }

  public static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
