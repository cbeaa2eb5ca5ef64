package io.cartprobe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** When an answer goes gzip-compressed, and that it is the same answer once decompressed. */
class ResponseEncodingTest {

  private static final byte[] SCRAPE = ("cartprobe_probe_success{env=\"production\",probe=\"checkout\"} 1.0\n")
      .repeat(200).getBytes(StandardCharsets.UTF_8);

  @Test
  void prometheusesAcceptEncodingGetsGzipThatDecompressesToTheSameBytes() throws IOException {
    ResponseEncoding.Encoded encoded = ResponseEncoding.choose("gzip", SCRAPE);

    assertThat(encoded.contentEncoding()).isEqualTo("gzip");
    assertThat(encoded.body().length).isLessThan(SCRAPE.length / 10);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(encoded.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(SCRAPE);
    }
  }

  @Test
  void withoutTheHeaderOrWithGzipRefusedTheBodyGoesAsItIs() {
    for (String header : new String[] {null, "", "identity", "br", "gzip;q=0", "deflate, gzip;q=0.0",
        "*;q=0", "gzip;q=soon"}) {
      ResponseEncoding.Encoded encoded = ResponseEncoding.choose(header, SCRAPE);
      assertThat(encoded.contentEncoding()).as(String.valueOf(header)).isNull();
      assertThat(encoded.body()).as(String.valueOf(header)).isSameAs(SCRAPE);
    }
  }

  @Test
  void weightsCaseAndTheWildcardAreRead() {
    assertThat(ResponseEncoding.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(ResponseEncoding.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(ResponseEncoding.acceptsGzip("x-gzip")).isTrue();
    assertThat(ResponseEncoding.acceptsGzip("*")).isTrue();
    assertThat(ResponseEncoding.acceptsGzip("*, gzip;q=0")).isFalse();
  }

  @Test
  void aSmallAnswerIsNotWorthCompressing() {
    byte[] small = "ready\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ResponseEncoding.choose("gzip", small).contentEncoding()).isNull();
  }
}
