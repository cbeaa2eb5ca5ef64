package io.cartprobe.history;

/**
 * A W3C trace id (32 lowercase hex digits) as two longs: 16 bytes in a ring instead of a
 * 72-byte string. Anything else (empty, upper case, an imported id of another shape) is not
 * this form and is kept as written by the caller.
 */
final class TraceIds {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private TraceIds() {}

  static boolean compact(String id) {
    if (id.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      if (digit(id.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The high (from 0) or low (from 16) half of a {@link #compact} id. */
  static long half(String id, int from) {
    long value = 0;
    for (int i = from; i < from + 16; i++) {
      value = (value << 4) | digit(id.charAt(i));
    }
    return value;
  }

  static String text(long high, long low) {
    char[] out = new char[32];
    for (int i = 15; i >= 0; i--) {
      out[i] = DIGITS[(int) (high & 0xf)];
      out[i + 16] = DIGITS[(int) (low & 0xf)];
      high >>>= 4;
      low >>>= 4;
    }
    return new String(out);
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }
}
