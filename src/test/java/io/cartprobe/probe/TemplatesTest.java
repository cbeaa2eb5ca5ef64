package io.cartprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cartprobe.config.Environment;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private final Environment env = new Environment("production",
      Map.of("a", "env-a", "b", "env-b", "c", "env-c"), Map.of(), Map.of("key", "s3cret"));

  private TemplateScope scope(Map<String, String> extracted) {
    return new TemplateScope(extracted, Map.of("a", "probe-a", "b", "probe-b"), env, "checkout",
        Fixtures.CLOCK, new SplittableRandom(1));
  }

  @Test
  void extractedThenProbeVarsThenEnvironmentVarsThenSecrets() throws Exception {
    String out = Templates.render("{{a}} {{b}} {{c}} {{secret.key}} {{ env_name }} {{probe_name}}",
        scope(Map.of("a", "extracted-a")));

    assertThat(out).isEqualTo("extracted-a probe-b env-c s3cret production checkout");
  }

  @Test
  void unknownNameNamesItself() {
    assertThatThrownBy(() -> Templates.render("x{{nope}}", scope(Map.of())))
        .isInstanceOf(TemplateException.class).hasMessageContaining("{{nope}}");
    assertThatThrownBy(() -> Templates.render("{{secret.missing}}", scope(Map.of())))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void valuesAreInsertedLiterally() throws Exception {
    assertThat(Templates.render("{{v}}", scope(Map.of("v", "$1 \\ {{a}}"))))
        .isEqualTo("$1 \\ {{a}}");
  }

  @Test
  void treeRendersStringLeavesOnly() throws Exception {
    Object out = Templates.renderTree(
        Map.of("k", List.of("{{a}}", 3, true), "n", Map.of("x", "{{c}}")), scope(Map.of()));

    assertThat(out).isEqualTo(Map.of("k", List.of("probe-a", 3, true), "n", Map.of("x", "env-c")));
  }

  @Test
  void uuidIsAVersion4UuidAndFreshEachTime() throws Exception {
    TemplateScope s = scope(Map.of());
    String a = Templates.render("{{uuid}}", s);
    String b = Templates.render("{{uuid}}", s);

    assertThat(java.util.UUID.fromString(a).version()).isEqualTo(4);
    assertThat(a).isNotEqualTo(b);
  }
}
