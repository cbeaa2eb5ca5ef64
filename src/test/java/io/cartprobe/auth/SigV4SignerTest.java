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
 * AWS's published Signature Version 4 test suite (the "aws-sig-v4-test-suite" examples of the
 * AWS General Reference): the credentials, time, requests and expected Authorization headers
 * are AWS's, copied from the suite, not computed here.
 */
class SigV4SignerTest {

  private static final AuthConfig.AwsSigV4 SUITE = new AuthConfig.AwsSigV4("us-east-1", "service",
      "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.empty());
  private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
  private static final String CREDENTIAL =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

  private static Request signed(Request request) {
    return SigV4Signer.sign(SUITE, request, SUITE_TIME);
  }

  @Test
  void getVanilla() {
    Request r = signed(new Request.Builder().url("https://example.amazonaws.com/").build());

    assertThat(r.header("Authorization")).isEqualTo(CREDENTIAL + "SignedHeaders=host;x-amz-date, "
        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    assertThat(r.header("X-Amz-Date")).isEqualTo("20150830T123600Z");
    assertThat(r.header("Host")).isEqualTo("example.amazonaws.com");
  }

  @Test
  void getVanillaQueryOrderKeyCase() {
    Request r = signed(new Request.Builder()
        .url("https://example.amazonaws.com/?Param2=value2&Param1=value1").build());

    assertThat(r.header("Authorization")).isEqualTo(CREDENTIAL + "SignedHeaders=host;x-amz-date, "
        + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void postVanilla() {
    Request r = signed(new Request.Builder().url("https://example.amazonaws.com/")
        .post(RequestBody.create(new byte[0], null)).build());

    assertThat(r.header("Authorization")).isEqualTo(CREDENTIAL + "SignedHeaders=host;x-amz-date, "
        + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  @Test
  void postXWwwFormUrlencoded() {
    Request r = signed(new Request.Builder().url("https://example.amazonaws.com/")
        // bytes, not a String: OkHttp would add "; charset=utf-8" to a String body's type
        .post(RequestBody.create("Param1=value1".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            MediaType.get("application/x-www-form-urlencoded")))
        .build());

    assertThat(r.header("Authorization")).isEqualTo(CREDENTIAL + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  }

  @Test
  void aSessionTokenIsSentAndSigned() {
    AuthConfig.AwsSigV4 temporary = new AuthConfig.AwsSigV4("us-east-1", "service", "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.of("session-token"));
    Request r = SigV4Signer.sign(temporary, new Request.Builder().url("https://example.amazonaws.com/").build(),
        SUITE_TIME);

    assertThat(r.header("X-Amz-Security-Token")).isEqualTo("session-token");
    assertThat(r.header("Authorization")).contains("SignedHeaders=host;x-amz-date;x-amz-security-token, ");
  }

  @Test
  void canonicalQueryEncodesTheWayAwsDoes() {
    // The rules of the canonical query string: RFC 3986 unreserved kept, space as %20, sorted.
    assertThat(SigV4Signer.canonicalQuery(okhttp3.HttpUrl.get("https://h/?b=x y&a=~-._*&A=1")))
        .isEqualTo("A=1&a=~-._%2A&b=x%20y");
  }
}
