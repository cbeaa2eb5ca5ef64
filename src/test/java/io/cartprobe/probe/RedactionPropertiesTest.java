package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Thousands of generated secrets, each echoed in a generated encoding inside generated text:
 * after redaction, undoing that encoding (with decoders written here, not the redactor's)
 * never gives the secret back, and redaction never throws on any text.
 */
class RedactionPropertiesTest {

  enum Encoding { LITERAL, JSON, JSON_TWICE, URL, JSON_OF_URL, BASE64 }

  @Property(tries = 3000)
  void noEncodedSecretSurvives(@ForAll("secrets") String secret, @ForAll Encoding encoding,
      @ForAll("texts") String before, @ForAll("texts") String after, @ForAll long seed,
      @ForAll @IntRange(max = 5) int prefixBytes) {
    Random random = new Random(seed);
    Statistics.label("encoding").collect(encoding);
    String redacted;
    switch (encoding) {
      case BASE64 -> {
        byte[] prefix = new byte[prefixBytes];
        random.nextBytes(prefix);
        String encoded = base64(random, prefix, secret.getBytes(StandardCharsets.UTF_8));
        redacted = new Redactor(List.of(secret)).redact(before + encoded + after);
        int from = (8 * prefixBytes + 5) / 6;
        int to = 8 * (prefixBytes + secret.getBytes(StandardCharsets.UTF_8).length) / 6;
        for (int i = from; i + 4 <= to; i++) {
          String window = encoded.substring(i, i + 4);
          assertThat(redacted).as("base64 %s", encoded).satisfiesAnyOf(
              r -> assertThat(r).doesNotContain(window),
              r -> assertThat(before + after).contains(window)); // there by chance, not a leak
        }
      }
      default -> {
        String encoded = switch (encoding) {
          case LITERAL -> secret;
          case JSON -> json(random, secret);
          case JSON_TWICE -> json(random, json(random, secret));
          case URL -> url(random, secret);
          default -> json(random, url(random, secret));
        };
        redacted = new Redactor(List.of(secret)).redact(before + encoded + after);
        String decoded = switch (encoding) {
          case LITERAL -> redacted;
          case JSON -> unjson(redacted);
          case JSON_TWICE -> unjson(unjson(redacted));
          case URL -> unurl(redacted);
          default -> unurl(unjson(redacted));
        };
        assertThat(decoded).as("%s of %s", encoding, encoded).doesNotContain(secret);
      }
    }
  }

  @Property(tries = 2000)
  void neverThrowsAndOnlyEverHides(@ForAll("anything") String text,
      @ForAll("secrets") String secret, @ForAll @IntRange(min = 4, max = 400) int limit) {
    Redactor redactor = new Redactor(List.of(secret, "tok", "k"));
    String redacted = redactor.redact(text);
    assertThat(redactor.excerpt(text, limit, "...")).hasSizeLessThanOrEqualTo(limit);

    // What is left of the text is the text, in order, with masks in between.
    String[] pieces = redacted.split(Pattern.quote(Redactor.MASK), -1);
    int at = 0;
    for (String piece : pieces) {
      int found = text.indexOf(piece, at);
      assertThat(found).as("piece %s of %s", piece, redacted).isGreaterThanOrEqualTo(0);
      at = found + piece.length();
    }
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withChars("aZ09_-=/+\"\\ %&?ä€🔑").ofMinLength(4)
        .ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("ab x{}\":,=%+\\/").ofMaxLength(30);
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("\\u%0123456789abcdefABCDEF+/=\"").ofMaxLength(300));
  }

  /** Some characters as \}uXXXX (either case), '/' maybe as \/, the rest JSON-escaped. */
  private static String json(Random random, String s) {
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
  private static String url(Random random, String s) {
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

  private static String base64(Random random, byte[] prefix, byte[] secret) {
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
