package io.cartprobe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void oneIsSingularEverythingElsePlural() {
    assertThat(Words.count(1, "consecutive failure")).isEqualTo("1 consecutive failure");
    assertThat(Words.count(0, "run")).isEqualTo("0 runs");
    assertThat(Words.count(3, "attempt")).isEqualTo("3 attempts");
    assertThat(Words.count(2, "child", "children")).isEqualTo("2 children");
  }
}
