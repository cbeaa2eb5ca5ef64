package io.cartprobe.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeUrlTest {

  @Test
  void keepsWhereItGoesAndHidesThePathThatCarriesTheSecret() {
    assertThat(SafeUrl.of("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"))
        .isEqualTo("https://hooks.slack.com/***");
    assertThat(SafeUrl.of("http://127.0.0.1:9093/api/v2/alerts?token=abc"))
        .isEqualTo("http://127.0.0.1:9093/***");
    assertThat(SafeUrl.of("http://alertmanager:9093")).isEqualTo("http://alertmanager:9093");
    assertThat(SafeUrl.of("not a url")).isEqualTo("(webhook URL)");
  }
}
