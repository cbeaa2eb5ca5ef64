package io.cartprobe.probe;

import io.cartprobe.result.AssertionResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void hidesSecretsLongestFirstAndTheirUrlEncodedForm() {
    Redactor r = new Redactor(List.of("abc", "abcdef", "a b&c", ""));

    assertThat(r.redact("x=abcdef y=abc")).isEqualTo("x=*** y=***");
    assertThat(r.redact("q=a+b%26c and a%20b%26c")).isEqualTo("q=*** and ***");
    assertThat(r.redact("nothing here")).isEqualTo("nothing here");
  }

  @Test
  void hidesCardLikeDigitRuns() {
    Redactor r = new Redactor(List.of());

    assertThat(r.redact("card 4242424242424242 ok")).isEqualTo("card *** ok");
    assertThat(r.redact("4242-4242-4242-4242")).isEqualTo("***");
    assertThat(r.redact("4242 4242 4242 4242")).isEqualTo("***");
    assertThat(r.redact("371449635398431")).isEqualTo("***"); // 15 digits, Amex
    assertThat(r.redact("order 123456789012")).isEqualTo("order 123456789012"); // 12 digits
    assertThat(r.redact("4242  4242 4242 4242")).as("double space is not one separator")
        .isEqualTo("4242  4242 4242 4242"); // 4 + 12 digits: neither run is card-like
  }

  @Test
  void secretsAddedDuringTheRunAreHidden() {
    Redactor r = new Redactor(List.of());
    r.add("tok-1");

    assertThat(r.redact(new AssertionResult("json $.t equals", "\"tok-1\"", "\"tok-1x\"", false)))
        .isEqualTo(new AssertionResult("json $.t equals", "\"***\"", "\"***x\"", false));
  }
}
