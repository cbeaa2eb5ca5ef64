package io.cartprobe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;

/** The receiver's side of Standard Webhooks, written from the spec, independent of the signer. */
final class Signatures {

  private Signatures() {}

  static void assertSigned(RecordedRequest request, String secret) throws Exception {
    String id = request.getHeaders().get("webhook-id");
    String timestamp = request.getHeaders().get("webhook-timestamp");
    String signature = request.getHeaders().get("webhook-signature");
    assertThat(id).isNotBlank();
    assertThat(timestamp).matches("\\d+");
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String body = request.getBody().string(StandardCharsets.UTF_8);
    String expected = "v1," + Base64.getEncoder().encodeToString(
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(signature.split(" ")).contains(expected);
  }
}
