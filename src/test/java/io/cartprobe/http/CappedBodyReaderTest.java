package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class CappedBodyReaderTest {

  @Test
  void readsABodyUpToTheCapInclusive() throws Exception {
    CappedBodyReader reader = new CappedBodyReader(5);

    assertThat(reader.read(ResponseBody.create("12345", null))).isEqualTo("12345");
  }

  @Test
  void refusesMoreThanTheCapWithOrWithoutALength() {
    CappedBodyReader reader = new CappedBodyReader(5);

    assertThatThrownBy(() -> reader.read(ResponseBody.create("123456", null)))
        .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("larger than 5 bytes");
    Buffer unknownLength = new Buffer().writeUtf8("1234567890");
    assertThatThrownBy(() -> reader.read(ResponseBody.create(unknownLength, null, -1)))
        .isInstanceOfSatisfying(BodyTooLargeException.class,
            e -> assertThat(e.prefix()).startsWith("123456"));
  }

  @Test
  void defaultCapIsOneMebibyte() {
    assertThat(new CappedBodyReader().capBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void decodesByTheDeclaredCharsetElseUtf8() throws Exception {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    CappedBodyReader reader = new CappedBodyReader();

    assertThat(reader.read(ResponseBody.create(latin1,
        MediaType.parse("text/plain; charset=ISO-8859-1")))).isEqualTo("café");
    assertThat(reader.read(ResponseBody.create("café".getBytes(StandardCharsets.UTF_8),
        MediaType.parse("application/json")))).isEqualTo("café");
  }
}
