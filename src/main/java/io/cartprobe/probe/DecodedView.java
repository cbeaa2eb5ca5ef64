package io.cartprobe.probe;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text with one layer of escaping undone (JSON string escapes, or percent-encoding), that
 * remembers where each of its characters came from, so a secret found in the decoded text is
 * hidden in the original. Decoding is lenient: whatever is not a valid escape stays as written.
 *
 * @param origin for each character {@code i}, the original text's range
 *     {@code [origin[i], origin[i + 1])}, {@code origin.length == text.length() + 1}; null for
 *     the original itself (most texts are never decoded: no array for them)
 */
record DecodedView(String text, int[] origin) {

  /** Layers undone on top of each other at most: a JSON string inside a JSON string, say. */
  private static final int DEPTH = 2;

  /** The text itself and every distinct decoding of it, up to {@link #DEPTH} layers deep. */
  static List<DecodedView> all(String original) {
    Map<String, DecodedView> views = new LinkedHashMap<>();
    DecodedView self = identity(original);
    views.put(original, self);
    List<DecodedView> layer = List.of(self);
    for (int depth = 0; depth < DEPTH && !layer.isEmpty(); depth++) {
      List<DecodedView> next = new ArrayList<>();
      for (DecodedView v : layer) {
        for (DecodedView d : List.of(v.jsonUnescaped(), v.urlDecoded(true), v.urlDecoded(false))) {
          if (views.putIfAbsent(d.text(), d) == null) {
            next.add(d);
          }
        }
      }
      layer = next;
    }
    return List.copyOf(views.values());
  }

  static DecodedView identity(String text) {
    return new DecodedView(text, null);
  }

  /** Where this view's character {@code i} starts in the original (its end: {@code i + 1}'s start). */
  int originalStart(int i) {
    return origin == null ? i : origin[i];
  }

  int originalEnd(int end) {
    return originalStart(end);
  }

  /** {@code \}uXXXX (any case), {@code \"}, {@code \\}, {@code \/}, {@code \b \f \n \r \t}. */
  DecodedView jsonUnescaped() {
    if (text.indexOf('\\') < 0) {
      return this;
    }
    Builder out = new Builder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int width = 1;
      if (c == '\\' && i + 1 < text.length()) {
        char e = text.charAt(i + 1);
        int simple = "\"\\/bfnrt".indexOf(e);
        if (simple >= 0) {
          c = "\"\\/\b\f\n\r\t".charAt(simple);
          width = 2;
        } else if (e == 'u' && i + 6 <= text.length() && hex(text, i + 2, 4) >= 0) {
          c = (char) hex(text, i + 2, 4);
          width = 6;
        }
      }
      out.add(c, originalStart(i));
      i += width;
    }
    return out.build(originalStart(text.length()));
  }

  /** {@code %XX} sequences as UTF-8; with {@code plusIsSpace}, {@code +} as a space (forms). */
  DecodedView urlDecoded(boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return this;
    }
    Builder out = new Builder(text.length());
    int i = 0;
    while (i < text.length()) {
      int sequence = utf8Sequence(i);
      if (sequence > 0) {
        byte[] bytes = new byte[sequence / 3];
        for (int b = 0; b < bytes.length; b++) {
          bytes[b] = (byte) hex(text, i + 3 * b + 1, 2);
        }
        String decoded = utf8(bytes);
        if (decoded != null) {
          for (int k = 0; k < decoded.length(); k++) {
            out.add(decoded.charAt(k), originalStart(i));
          }
          i += sequence;
          continue;
        }
      }
      char c = text.charAt(i);
      out.add(plusIsSpace && c == '+' ? ' ' : c, originalStart(i));
      i++;
    }
    return out.build(originalStart(text.length()));
  }

  /** The length in characters of the {@code %XX} run at {@code i} that makes one UTF-8 character, else 0. */
  private int utf8Sequence(int i) {
    int lead = i + 3 <= text.length() && text.charAt(i) == '%' ? hex(text, i + 1, 2) : -1;
    if (lead < 0) {
      return 0;
    }
    int bytes = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    for (int b = 1; b < bytes; b++) {
      int at = i + 3 * b;
      if (at + 3 > text.length() || text.charAt(at) != '%' || hex(text, at + 1, 2) < 0) {
        return 0;
      }
    }
    return 3 * bytes;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The value of {@code digits} hex digits at {@code from}, or -1. */
  private static int hex(String s, int from, int digits) {
    int value = 0;
    for (int i = from; i < from + digits; i++) {
      char c = s.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1; // ASCII only: Character.digit would take other scripts' digits too
      }
      value = value * 16 + d;
    }
    return value;
  }

  /** Appends decoded characters with the original offset each starts at. */
  private static final class Builder {
    private final StringBuilder text;
    private int[] origin;

    Builder(int capacity) {
      text = new StringBuilder(capacity);
      origin = new int[capacity + 1];
    }

    void add(char c, int originalStart) {
      if (text.length() + 1 >= origin.length) {
        origin = Arrays.copyOf(origin, origin.length * 2);
      }
      origin[text.length()] = originalStart;
      text.append(c);
    }

    DecodedView build(int originalEnd) {
      int[] exact = Arrays.copyOf(origin, text.length() + 1);
      exact[text.length()] = originalEnd;
      return new DecodedView(text.toString(), exact);
    }
  }
}
