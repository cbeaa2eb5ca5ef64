package io.cartprobe.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A text that gives a secret away: the secret itself, or the Base64 characters that encode
 * only its bits at one byte alignment (standard or URL-safe alphabet). A Base64 form may have a
 * character on either side that mixes the secret's bits with its neighbours'; a match hides
 * those too, and the padding after them.
 *
 * @param headPartial the character before {@code text} holds some of the secret's bits
 * @param tailPartial the character after {@code text} holds some of the secret's bits
 */
record SecretForm(String text, boolean headPartial, boolean tailPartial) {

  /** A shorter Base64 fragment (18 bits) would hide unrelated text all over a response. */
  static final int MIN_BASE64 = 4;

  static List<SecretForm> of(String secret) {
    Set<SecretForm> forms = new LinkedHashSet<>();
    forms.add(new SecretForm(secret, false, false));
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int align = 0; align < 3; align++) {
      byte[] shifted = new byte[align + bytes.length];
      System.arraycopy(bytes, 0, shifted, align, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // Character i holds bits [6i, 6i + 6); the secret's are [8 * align, 8 * (align + n)).
      int from = (8 * align + 5) / 6;
      int to = 8 * (align + bytes.length) / 6;
      if (to - from < MIN_BASE64) {
        continue;
      }
      String core = encoded.substring(from, to);
      boolean tail = (align + bytes.length) % 3 != 0;
      forms.add(new SecretForm(core, align != 0, tail));
      forms.add(new SecretForm(core.replace('+', '-').replace('/', '_'), align != 0, tail));
    }
    return new ArrayList<>(forms);
  }

  /** The range to hide for a match of this form at {@code [start, end)} of {@code text}. */
  int[] hidden(String in, int start, int end) {
    int from = start;
    int to = end;
    if (headPartial && from > 0 && base64(in.charAt(from - 1))) {
      from--;
    }
    if (tailPartial && to < in.length() && base64(in.charAt(to))) {
      to++;
      while (to < in.length() && in.charAt(to) == '=') {
        to++;
      }
    }
    return new int[] {from, to};
  }

  private static boolean base64(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/' || c == '-' || c == '_';
  }
}
