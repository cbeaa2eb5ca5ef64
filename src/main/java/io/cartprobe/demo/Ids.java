package io.cartprobe.demo;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's ids: a prefix and 16 hex digits ({@code cart_1eadb87c46dad6ba}). */
final class Ids {

  private Ids() {}

  /**
   * Never 13 decimal digits in a row: cartprobe masks every card-like digit run in what it
   * prints, and an id that looked like a card number would be shown half masked (about one id
   * in 200 otherwise).
   */
  static String next(String prefix) {
    String hex;
    do {
      hex = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    } while (hex.matches(".*[0-9]{13}.*"));
    return prefix + hex;
  }
}
