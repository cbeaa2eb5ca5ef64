package io.cartprobe.config;

import static io.cartprobe.config.ConfigLoaderErrorsTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patterns are RE2 syntax: what RE2 leaves out is refused by validate where it is written
 * (file:line:column of the construct itself), with what to write instead.
 */
class RegexSyntaxTest {

  private static final String RE2 = ": patterns use RE2 syntax, which matches in linear time"
      + " and has no lookaround, backreferences, atomic groups or possessive quantifiers";

  /** Line 5 holds the pattern, from column 46 (after the opening quote at 45). */
  private static String withBodyMatches(String yamlDoubleQuoted) {
    return """
        environments:
          staging: {vars: {base_url: "http://s"}}
        probes:
          - {name: p, type: gateway-config, request: {url: "http://x"},
             expect: {body: {matches: "%s"}}}
        """.formatted(yamlDoubleQuoted);
  }

  static Stream<Arguments> refused() {
    String around = " (match the text itself, or split it into several checks, e.g. a matches"
        + " and a not_contains)";
    return Stream.of(
        Arguments.of("total(?=\\\\d)", "5:37",
            "lookahead '(?=' is not supported in 'total(?=\\d)'" + RE2 + around),
        Arguments.of("^(?!error)", "5:33",
            "negative lookahead '(?!' is not supported in '^(?!error)'" + RE2 + around),
        Arguments.of("(?<=USD )\\\\d+", "5:32",
            "lookbehind '(?<=' is not supported in '(?<=USD )\\d+'" + RE2 + around),
        Arguments.of("(?<!-)\\\\d+", "5:32",
            "negative lookbehind '(?<!' is not supported in '(?<!-)\\d+'" + RE2 + around),
        Arguments.of("(\\\\w+) \\\\1", "5:39",
            "backreference '\\1' is not supported in '(\\w+) \\1'" + RE2
                + " (write the group's pattern again instead of referring to it)"),
        Arguments.of("(?<w>a)\\\\k<w>", "5:39",
            "backreference '\\k<w>' is not supported in '(?<w>a)\\k<w>'" + RE2
                + " (write the group's pattern again instead of referring to it)"),
        Arguments.of("(?>ab|a)c", "5:32",
            "atomic group '(?>' is not supported in '(?>ab|a)c'" + RE2
                + " (write a plain group '(?:...)': RE2 never backtracks, so it is not needed)"),
        Arguments.of("a*+b", "5:33",
            "possessive quantifier '*+' is not supported in 'a*+b'" + RE2
                + " (drop the extra '+': RE2 never backtracks, so it is not needed)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void namesTheConstructWhereItIsWritten(String pattern, String lineColumn, String message) {
    assertThat(errors(withBodyMatches(pattern)))
        .containsExactly("probes.yaml:" + lineColumn + ": probes[0].expect.body.matches: "
            + message);
  }

  @Test
  void plainSyntaxErrorsSayWhatRe2Says() {
    assertThat(errors(withBodyMatches("[a-")))
        .containsExactly("probes.yaml:5:31: probes[0].expect.body.matches: invalid regex '[a-':"
            + " missing closing ]");
  }

  @Test
  void nestedRepetitionsThatMultiplyPastTheLimitAreRefused() {
    assertThat(errors(withBodyMatches("((a{100}){100}){100}"))).containsExactly(
        "probes.yaml:5:31: probes[0].expect.body.matches: regex '((a{100}){100}){100}' is too"
            + " large: nested repetition counts multiply to 1000000 (at most 1000)");
  }

  @Test
  void programsOverTheSizeLimitAreRefused() {
    // Each repetition stays under the product limit; together they make ~6,000 instructions.
    assertThat(errors(withBodyMatches("(?:a?){999}(?:b?){999}(?:c?){999}"))).containsExactly(
        "probes.yaml:5:31: probes[0].expect.body.matches: regex '(?:a?){999}(?:b?){999}(?:c?){999}'"
            + " is too large: 5996 instructions (at most 5000)");
  }

  @Test
  void everyPlaceAPatternIsWrittenUsesRe2() throws ConfigException {
    String yaml = """
        environments:
          staging: {vars: {base_url: "http://s"}}
        probes:
          - name: p
            type: checkout
            steps:
              - name: s
                request: {url: "http://x"}
                expect:
                  headers: {X-A: "(?=a)"}
                  body: {matches: "(?=b)"}
                  json: {$.c: {matches: "(?=c)"}}
                extract: {d: "regex:(?=d)"}
                classify:
                  - {when: {body: {matches: "(?=e)"}}, as: e}
        """;

    assertThat(errors(yaml)).hasSize(5).allSatisfy(e -> assertThat(e).contains("lookahead"));
    // ...and what RE2 accepts still loads: named groups, classes, flags, \\Q...\\E.
    new ConfigLoader(Map.of()).parse("ok.yaml", withBodyMatches(
        "(?i)(?P<id>[a-z]+)-(?<n>\\\\d{1,4})\\\\Q(?=\\\\E[^]x]"), Path.of("."));
  }

  @Test
  void jsonPathRegexFiltersAreRefused() {
    String yaml = """
        environments:
          staging: {vars: {base_url: "http://s"}}
        probes:
          - name: p
            type: checkout
            steps:
              - name: s
                request: {url: "http://x"}
                extract: {id: "$.items[?(@.sku =~ /A.*/)].id"}
        """;

    assertThat(errors(yaml)).containsExactly("probes.yaml:9:40: probes[0].steps[0].extract.id:"
        + " regex filter '=~' is not supported in JSONPath '$.items[?(@.sku =~ /A.*/)].id'"
        + " (select the value with a plain path and check it with matches:, which uses RE2)");
  }

  @Test
  void badPercentEscapesInUrlsAreRefused() {
    String yaml = """
        environments:
          staging: {vars: {base_url: "http://s"}}
        probes:
          - {name: p, type: gateway-config, request: {url: "http://x/a%zz"}}
          - {name: q, type: gateway-config, request: {url: "{{base_url}}/%{{base_url}}%2F"}}
          - {name: r, type: gateway-config, request: {url: "{{base_url}}/search?q=100%"}}
        """;

    assertThat(errors(yaml)).containsExactly("probes.yaml:4:52: probes[0].request.url: URL"
        + " \"http://x/a%zz\" has an invalid percent-escape '%zz' (a '%' must be followed by two"
        + " hex digits; write %25 for a literal '%')", "probes.yaml:6:52: probes[2].request.url:"
        + " URL \"{{base_url}}/search?q=100%\" has an invalid percent-escape '%' at the end (a '%'"
        + " must be followed by two hex digits; write %25 for a literal '%')");
  }
}
