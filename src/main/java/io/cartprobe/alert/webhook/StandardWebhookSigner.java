package io.cartprobe.alert.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): {@code v1,} + base64 of HMAC-SHA256 over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the base64-decoded part of a
 * {@code whsec_} secret, so receivers verify with any Standard Webhooks library.
 */
public final class StandardWebhookSigner {

  public static final String PREFIX = "whsec_";

  private final SecretKeySpec key;

  public StandardWebhookSigner(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hmac_secret must be whsec_ followed by base64", e);
    }
    if (raw.length == 0) {
      throw new IllegalArgumentException("hmac_secret has an empty key");
    }
    this.key = new SecretKeySpec(raw, "HmacSHA256");
  }

  /** The {@code webhook-signature} header value. */
  public String sign(String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body)
          .getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
