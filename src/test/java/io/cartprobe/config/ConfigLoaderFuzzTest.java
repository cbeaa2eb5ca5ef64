package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the input, the loader answers with a config or a ConfigException, never anything else. */
class ConfigLoaderFuzzTest {

  @TempDir static Path dir;

  @BeforeAll
  static void secretFile() throws Exception {
    Files.writeString(dir.resolve("gateway_key"), "sk_live_456\n");
  }

  private static void loadsOrRejects(String yaml) {
    try {
      new ConfigLoader(Fixtures.ENV).parse("probes.yaml", yaml, dir);
    } catch (ConfigException e) {
      assertThat(e.errors()).as("errors of %s", yaml).isNotEmpty();
      assertThat(e.errors()).allSatisfy(err -> {
        assertThat(err.message()).doesNotStartWith("internal error");
        assertThat(err.line()).isPositive();
        assertThat(err.column()).isPositive();
      });
    } catch (Throwable t) {
      fail("input of " + yaml.length() + " chars threw " + t + ":\n" + yaml, t);
    }
  }

  @Test
  void everyTruncatedPrefixOfTheValidFile() {
    String full = Fixtures.FULL;
    for (int end = 0; end <= full.length(); end++) {
      loadsOrRejects(full.substring(0, end));
    }
  }

  @Test
  void randomlyDamagedCopiesOfTheValidFile() {
    Random random = new Random(42);
    String alphabet = "{}[]:,-&*!|>'\"#%@`$ \n\t\u0000\u00e9\ud83d\ude00abc0123{{}}${";
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder(Fixtures.FULL);
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> {
            int lineStart = text.lastIndexOf("\n", at) + 1;
            int lineEnd = text.indexOf("\n", at);
            text.delete(lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
          }
        }
      }
      loadsOrRejects(text.toString());
    }
  }

  @Test
  void oddDocuments() {
    for (String yaml : new String[] {
        "", "~", "null", "42", "\"text\"", "[]", "{}", "---\n...\n", "- - -", "? [a]\n: b\n",
        "probes:\n- ~\n- []\n- 1\n", "environments: {e: ~, f: [], g: 1}\nprobes: [{}]\n",
        "environments: {e: {vars: {a: [1]}}}\nprobes: [{name: ~, type: [x], steps: {a: 1}}]\n",
        "a: &x {b: *x}\n<<: *x\n", "<<: [1, 2]\n", "probes: &p [{steps: *p, type: checkout}]\n",
        "\u0000\u0001\u0002", "\ufeffenvironments: {}", "a: !!binary aGVsbG8=\n", "a: !!set {x, y}\n"}) {
      loadsOrRejects(yaml);
    }
  }
}
