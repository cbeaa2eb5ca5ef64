package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A secret echoed back in any encoding a server or client library writes is still hidden. */
class RedactorEncodingsTest {

  /** '=', '/', '"', '+' and a space: each has an escaped form somewhere. */
  private static final String SECRET = "sk_live_4eC3=9/Hq\"L+y jW";

  private final Redactor redactor = new Redactor(List.of(SECRET));

  private String redact(String text) {
    return redactor.redact(text);
  }

  // ---- JSON string escapes ----

  @Test
  void gsonAndGoEscapeEqualsSignsAsUnicode() {
    // Gson and Go's encoding/json write '=' (and <, >, &, ') as \u003d.
    String gson = "{\"key\":\"sk_live_4eC3\\u003d9/Hq\\\"L+y jW\"}";

    assertThat(redact(gson)).isEqualTo("{\"key\":\"***\"}");
  }

  @Test
  void upperCaseHexAndEscapedSlashes() {
    String text = "{\"key\":\"sk_live_4eC3\\u003D9\\/Hq\\u0022L\\u002by jW\"}";

    assertThat(redact(text)).isEqualTo("{\"key\":\"***\"}");
  }

  @Test
  void everyCharacterAsAUnicodeEscape() {
    StringBuilder all = new StringBuilder();
    SECRET.chars().forEach(c -> all.append(String.format(Locale.ROOT, "\\u%04x", c)));

    assertThat(redact("x " + all + " y")).isEqualTo("x *** y");
  }

  @Test
  void nonAsciiAndSurrogatePairsAsEscapes() {
    Redactor r = new Redactor(List.of("pässwört-🔑-key"));

    assertThat(r.redact("\"p\\u00e4ssw\\u00f6rt-\\ud83d\\udd11-key\"")).isEqualTo("\"***\"");
  }

  @Test
  void jsonInsideAJsonString() {
    // An upstream's JSON body quoted inside the shop's own error JSON: escaped twice.
    String twice = "{\"upstream\":\"{\\\"key\\\":\\\"sk_live_4eC3\\\\u003d9/Hq\\\\\\\"L+y jW\\\"}\"}";

    assertThat(redact(twice)).isEqualTo("{\"upstream\":\"{\\\"key\\\":\\\"***\\\"}\"}");
  }

  // ---- URL encoding ----

  @Test
  void percentEncodedInAQueryWithPlusForSpace() {
    String form = "key=sk_live_4eC3%3D9%2FHq%22L%2By+jW&next=1";

    assertThat(redact(form)).isEqualTo("key=***&next=1");
  }

  @Test
  void percentEncodedInAPathWithLowerCaseHex() {
    String path = "/v1/keys/sk_live_4eC3%3d9%2fHq%22L+y%20jW/usage";

    assertThat(redact(path)).isEqualTo("/v1/keys/***/usage");
  }

  @Test
  void everyCharacterPercentEncodedIncludingMultiByteUtf8() {
    Redactor r = new Redactor(List.of("pässwört"));
    StringBuilder all = new StringBuilder();
    for (byte b : "pässwört".getBytes(StandardCharsets.UTF_8)) {
      all.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
    }

    assertThat(r.redact("?p=" + all + "&q")).isEqualTo("?p=***&q");
  }

  @Test
  void urlEncodedInsideJson() {
    String text = "{\"next\":\"https:\\/\\/x\\/cb?k=sk_live_4eC3%3D9%2FHq%22L%2By+jW\"}";

    assertThat(redact(text)).isEqualTo("{\"next\":\"https:\\/\\/x\\/cb?k=***\"}");
  }

  // ---- Base64 ----

  /**
   * The secret inside a longer Base64 text at each of the three byte alignments, in both
   * alphabets, with and without padding. Only characters that carry no bit of the secret may
   * survive: what is left around the mask is the encoding of the prefix and suffix alone.
   */
  @ParameterizedTest(name = "prefix \"{0}\", suffix \"{1}\", url-safe {2}, padded {3}")
  @CsvSource(delimiter = '|', value = {
      "''     | ''     | false | true",
      "''     | ''     | false | false",
      "''     | ''     | true  | false",
      "u      | ''     | false | true",
      "u      | ''     | true  | false",
      "us     | ''     | false | true",
      "us     | ''     | true  | false",
      "user:  | ''     | false | true",
      "''     | ;tail  | false | true",
      "u      | ;tail  | true  | true",
      "us     | ;tail  | false | false",
      "us     | ;tail! | true  | false"})
  void base64AtEveryAlignment(String prefix, String suffix, boolean urlSafe, boolean padded) {
    byte[] data = (prefix + SECRET + suffix).getBytes(StandardCharsets.UTF_8);
    Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
    String encoded = (padded ? encoder : encoder.withoutPadding()).encodeToString(data);
    int p = prefix.getBytes(StandardCharsets.UTF_8).length;
    int end = p + SECRET.getBytes(StandardCharsets.UTF_8).length;
    // Characters [first, last) hold at least one bit of the secret.
    int first = 8 * p / 6;
    int last = (8 * end + 5) / 6;
    String kept = encoded.substring(0, first);
    String after = encoded.substring(last);
    String tail = suffix.isEmpty() ? "" : after;

    assertThat(redact("Authorization: Basic " + encoded + " ok"))
        .isEqualTo("Authorization: Basic " + kept + "***" + tail + " ok");
  }

  @Test
  void base64WithEscapedSlashesInJson() {
    String secret = "key???>>>value"; // "a2V5Pz8/Pj4+dmFsdWU=": a '/' and a '+'
    String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(b64).contains("/").contains("+");

    String redacted = new Redactor(List.of(secret))
        .redact("{\"blob\":\"" + b64.replace("/", "\\/") + "\"}");

    assertThat(redacted).isEqualTo("{\"blob\":\"***\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "ab", "abc"})
  void shortSecretsAreHiddenLiterallyButNotAsBase64Fragments(String secret) {
    Redactor r = new Redactor(List.of(secret));
    // A 1-3 byte secret's Base64 form is a fragment of three characters or less: hiding it
    // everywhere would blank out unrelated text.
    assertThat(r.redact("YWJj zzz")).isEqualTo(secret.equals("abc") ? "*** zzz" : "YWJj zzz");
    assertThat(r.redact("x " + secret + " y")).isEqualTo("x *** y");
  }

  // ---- excerpts of long bodies ----

  @Test
  void anExcerptHidesASecretThatStraddlesItsEnd() {
    String gson = "sk_live_4eC3\\u003d9/Hq\\\"L+y jW";
    for (int before = 2000; before < 2060; before++) {
      String body = "x".repeat(before) + gson + "y".repeat(1024 * 1024);

      String excerpt = redactor.excerpt(body, 2048, "...[truncated]");

      assertThat(excerpt).hasSizeLessThanOrEqualTo(2048).endsWith("...[truncated]")
          .doesNotContain("sk_l").doesNotContain("4eC3").doesNotContain("jW");
    }
  }

  @Test
  void anExcerptHidesACardNumberCutByItsEnd() {
    String body = "x".repeat(2025) + "4242 4242 4242 4242" + "y".repeat(5000);

    // Only the first 2,048 characters are shown, so the text after the mask stops there.
    assertThat(redactor.excerpt(body, 2048, "...")).isEqualTo("x".repeat(2025) + "***yyyy...");
  }

  @Test
  void aShortBodyIsItsWholeRedactedSelf() {
    assertThat(redactor.excerpt("{\"k\":\"" + SECRET.replace("\"", "\\\"") + "\"}", 2048, "..."))
        .isEqualTo("{\"k\":\"***\"}");
    assertThat(redactor.excerpt("🔑".repeat(1500), 2048, "...")).isEqualTo("🔑".repeat(1022) + "...");
  }

  @Test
  void textWithoutTheSecretIsUnchanged() {
    String text = "{\"a\":\"\\u003d\\/%3D+\",\"b\":\"c2stbGl2ZQ==\"}";

    assertThat(redact(text)).isEqualTo(text);
  }
}
