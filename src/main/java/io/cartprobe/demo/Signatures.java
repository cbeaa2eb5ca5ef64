package io.cartprobe.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signing the shop's gateway client uses: header
 * {@code Gateway-Signature: scheme=hmac-sha256,v1=<hex HMAC-SHA256 of the body, keyed by the API key>}.
 */
final class Signatures {

  static final String HEADER = "Gateway-Signature";
  static final String HMAC_SHA256 = "hmac-sha256";

  /** A parsed {@code Gateway-Signature} header. */
  record Signature(String scheme, String value) {}

  private Signatures() {}

  static String sign(String key, byte[] body) {
    return "scheme=" + HMAC_SHA256 + ",v1=" + HexFormat.of().formatHex(hmac(key, body));
  }

  static Optional<Signature> parse(String header) {
    String scheme = null;
    String value = null;
    for (var part : header.split(",")) {
      var kv = part.strip().split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      switch (kv[0].strip()) {
        case "scheme" -> scheme = kv[1].strip();
        case "v1" -> value = kv[1].strip();
        default -> { }
      }
    }
    return scheme == null || value == null ? Optional.empty() : Optional.of(new Signature(scheme, value));
  }

  static boolean verifyHmac(String key, byte[] body, String hexValue) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hexValue);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(key, body), given);
  }

  private static byte[] hmac(String key, byte[] body) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
