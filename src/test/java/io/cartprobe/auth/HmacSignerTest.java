package io.cartprobe.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.config.AuthConfig;
import java.time.Instant;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Signatures against RFC 4231's test case 2 (key "Jefe", data "what do ya want for nothing?"),
 * whose published values `openssl dgst -hmac Jefe` also prints.
 */
class HmacSignerTest {

  private static final String RFC4231_DATA = "what do ya want for nothing?";

  @Test
  void rfc4231TestCase2() {
    assertThat(HmacSigner.signature("sha256", "Jefe", RFC4231_DATA, AuthConfig.Encoding.HEX))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(HmacSigner.signature("sha512", "Jefe", RFC4231_DATA, AuthConfig.Encoding.HEX))
        .isEqualTo("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75"
            + "c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    assertThat(HmacSigner.signature("sha256", "Jefe", RFC4231_DATA, AuthConfig.Encoding.BASE64))
        .isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  }

  @Test
  void overIsFilledWithTheRequestsParts() {
    Request request = new Request.Builder().url("https://api.psp.example:8443/v1/payments?limit=5&x=a%20b")
        .post(RequestBody.create("{\"amount\":100}", MediaType.get("application/json"))).build();

    assertThat(HmacSigner.message("{method}\n{path}\n{query}\n{timestamp}\n{host}\n{body}", request, "1700000000"))
        .isEqualTo("POST\n/v1/payments\nlimit=5&x=a%20b\n1700000000\napi.psp.example:8443\n{\"amount\":100}");
    // {{templates}} were rendered before; a JSON brace in the text is not a part
    assertThat(HmacSigner.message("{\"m\":\"{method}\"}", request, "1")).isEqualTo("{\"m\":\"POST\"}");
  }

  @Test
  void theSignatureAndTimestampGoIntoTheirHeaders() {
    AuthConfig.Hmac hmac = new AuthConfig.Hmac("Jefe", "X-Signature", "sha256", "what do ya want for {body}",
        AuthConfig.Encoding.HEX, "sha256=", Optional.of("X-Timestamp"));
    Request request = new Request.Builder().url("https://api.psp.example/v1/payments")
        .post(RequestBody.create("nothing?", MediaType.get("text/plain"))).build();

    Request signed = HmacSigner.sign(hmac, request, Instant.ofEpochSecond(1_700_000_000));

    assertThat(signed.header("X-Signature"))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(signed.header("X-Timestamp")).isEqualTo("1700000000");
  }
}
