package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.testing.Generated;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated secrets, each echoed in a generated encoding inside generated text:
 * after redaction, undoing that encoding (with decoders written here, not the redactor's)
 * never gives the secret back, and redaction never throws on any text.
 */
class RedactionPropertiesTest {

  private static final long SEED = 20261202L;
  private static final String SECRET_CHARS = "aZ09_-=/+\"\\ %&?ä€🔑";

  enum Encoding { LITERAL, JSON, JSON_TWICE, URL, JSON_OF_URL, BASE64 }

  /** A secret as a target echoes it ({@code encoded}), between {@code before} and {@code after}. */
  record Echo(String secret, Encoding encoding, int prefixBytes, String before, String encoded,
      String after) {}

  @Test
  void noEncodedSecretSurvives() {
    Map<Encoding, Integer> counts = new TreeMap<>();
    Generated.forEach(SEED, 3000, RedactionPropertiesTest::echo, echo -> {
      counts.merge(echo.encoding(), 1, Integer::sum);
      String secret = echo.secret();
      String before = echo.before();
      String after = echo.after();
      String encoded = echo.encoded();
      String redacted = new Redactor(List.of(secret)).redact(before + encoded + after);
      switch (echo.encoding()) {
        case BASE64 -> {
          int from = (8 * echo.prefixBytes() + 5) / 6;
          int to = 8 * (echo.prefixBytes() + secret.getBytes(StandardCharsets.UTF_8).length) / 6;
          for (int i = from; i + 4 <= to; i++) {
            String window = encoded.substring(i, i + 4);
            assertThat(redacted).as("base64 %s", encoded).satisfiesAnyOf(
                r -> assertThat(r).doesNotContain(window),
                r -> assertThat(before + after).contains(window)); // there by chance, not a leak
          }
        }
        default -> {
          String decoded = switch (echo.encoding()) {
            case LITERAL -> redacted;
            case JSON -> unjson(redacted);
            case JSON_TWICE -> unjson(unjson(redacted));
            case URL -> unurl(redacted);
            default -> unurl(unjson(redacted));
          };
          assertThat(decoded).as("%s of %s", echo.encoding(), encoded).doesNotContain(secret);
        }
      }
    });
    System.out.printf("RedactionPropertiesTest: 3000 echoes, seed %d: %s%n", SEED, counts);
  }

  @Test
  void neverThrowsAndOnlyEverHides() {
    record Text(String text, String secret, int limit) {}
    Generated.forEach(SEED, 2000, random -> new Text(anything(random), secret(random),
        random.nextInt(4, 401)), input -> {
      String text = input.text();
      Redactor redactor = new Redactor(List.of(input.secret(), "tok", "k"));
      String redacted = redactor.redact(text);
      assertThat(redactor.excerpt(text, input.limit(), "..."))
          .hasSizeLessThanOrEqualTo(input.limit());

      assertThat(isMasked(text, redacted)).as("%s is %s with spans masked", redacted, text)
          .isTrue();
    });
  }

  /**
   * Whether {@code redacted} is {@code text} with some spans replaced by the mask. Not a split
   * on the mask: a '*' of the text next to a mask makes that split cut in the wrong place.
   */
  private static boolean isMasked(String text, String redacted) {
    int mask = Redactor.MASK.length();
    // rest[i][j]: redacted from i on is text from j on, with spans masked
    boolean[][] rest = new boolean[redacted.length() + mask + 1][text.length() + 1];
    rest[redacted.length()][text.length()] = true;
    for (int i = redacted.length() - 1; i >= 0; i--) {
      boolean isMask = redacted.startsWith(Redactor.MASK, i);
      for (int j = text.length(); j >= 0; j--) {
        boolean same = j < text.length() && redacted.charAt(i) == text.charAt(j);
        rest[i][j] = same && rest[i + 1][j + 1]
            || isMask && (rest[i + mask][j] || j < text.length() && rest[i][j + 1]);
      }
    }
    return rest[0][0];
  }

  private static Echo echo(SplittableRandom random) {
    String secret = secret(random);
    Encoding encoding = Generated.oneOf(random, Encoding.values());
    int prefixBytes = random.nextInt(6);
    String encoded = switch (encoding) {
      case LITERAL -> secret;
      case JSON -> json(random, secret);
      case JSON_TWICE -> json(random, json(random, secret));
      case URL -> url(random, secret);
      case JSON_OF_URL -> json(random, url(random, secret));
      case BASE64 -> {
        byte[] prefix = new byte[prefixBytes];
        random.nextBytes(prefix);
        yield base64(random, prefix, secret.getBytes(StandardCharsets.UTF_8));
      }
    };
    return new Echo(secret, encoding, prefixBytes, text(random), encoded, text(random));
  }

  private static String secret(SplittableRandom random) {
    return Generated.string(random, SECRET_CHARS, 4, 40);
  }

  private static String text(SplittableRandom random) {
    return Generated.string(random, "ab x{}\":,=%+\\/", 0, 30);
  }

  private static String anything(SplittableRandom random) {
    return random.nextBoolean() ? Generated.anyString(random, 300)
        : Generated.string(random, "\\u%0123456789abcdefABCDEF+/=\"", 0, 300);
  }

  /** Some characters as \}uXXXX (either case), '/' maybe as \/, the rest JSON-escaped. */
  private static String json(SplittableRandom random, String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (random.nextInt(3) == 0 || c < 0x20) {
        String hex = String.format(Locale.ROOT, "\\u%04x", (int) c);
        out.append(random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '/' && random.nextBoolean()) {
        out.append("\\/");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unjson(String s) {
    Matcher m = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|[\"\\\\/bfnrt])").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      char c = e.length() == 5 ? (char) Integer.parseInt(e.substring(1), 16)
          : "\"\\/\b\f\n\r\t".charAt("\"\\/bfnrt".indexOf(e.charAt(0)));
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(c)));
    }
    return m.appendTail(out).toString();
  }

  /** Some bytes (all reserved ones) percent-encoded in either case; a space as + or %20. */
  private static String url(SplittableRandom random, String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || "_-.~".indexOf(c) >= 0);
      if (c == ' ' && random.nextBoolean()) {
        out.append('+');
      } else if (!plain || random.nextInt(4) == 0) {
        String hex = String.format(Locale.ROOT, "%%%02X", b & 0xff);
        out.append(random.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unurl(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && s.substring(i + 1, i + 3).matches("[0-9a-fA-F]{2}")) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String base64(SplittableRandom random, byte[] prefix, byte[] secret) {
    byte[] suffix = new byte[random.nextInt(4)];
    random.nextBytes(suffix);
    byte[] all = new byte[prefix.length + secret.length + suffix.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(secret, 0, all, prefix.length, secret.length);
    System.arraycopy(suffix, 0, all, prefix.length + secret.length, suffix.length);
    Base64.Encoder encoder = random.nextBoolean() ? Base64.getEncoder() : Base64.getUrlEncoder();
    return (random.nextBoolean() ? encoder : encoder.withoutPadding()).encodeToString(all);
  }
}
