package io.cartprobe.auth;

import io.cartprobe.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.Request;

/**
 * {@code auth: {hmac: ...}}: the JDK's HMAC over the {@code over} text with the request's parts
 * filled in, written into {@code header} (and the timestamp into {@code timestamp_header}).
 */
public final class HmacSigner {

  private static final Pattern PART = Pattern.compile("(?<!\\{)\\{(method|path|query|timestamp|body|host)}(?!})");

  private HmacSigner() {}

  /** {@code hmac} with its strings rendered; the request as it will be sent. */
  public static Request sign(AuthConfig.Hmac hmac, Request request, Instant now) {
    String timestamp = Long.toString(now.getEpochSecond());
    String message = message(hmac.over(), request, timestamp);
    Request.Builder signed = request.newBuilder()
        .header(hmac.header(), hmac.prefix() + signature(hmac.algorithm(), hmac.key(), message, hmac.encoding()));
    hmac.timestampHeader().ifPresent(h -> signed.header(h, timestamp));
    return signed.build();
  }

  /** {@code over} with {@code {method}}, {@code {path}}, ... replaced; everything else kept. */
  static String message(String over, Request request, String timestamp) {
    Matcher m = PART.matcher(over);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "method" -> request.method();
        case "path" -> request.url().encodedPath();
        case "query" -> request.url().encodedQuery() == null ? "" : request.url().encodedQuery();
        case "timestamp" -> timestamp;
        case "body" -> new String(RequestParts.body(request), StandardCharsets.UTF_8);
        default -> RequestParts.host(request.url());
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** @param algorithm sha256, sha512 or sha1 */
  public static String signature(String algorithm, String key, String message, AuthConfig.Encoding encoding) {
    String jdkName = "Hmac" + algorithm.toUpperCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance(jdkName);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jdkName));
      byte[] bytes = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      return encoding == AuthConfig.Encoding.HEX ? HexFormat.of().formatHex(bytes)
          : Base64.getEncoder().encodeToString(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jdkName + " is part of every JDK", e);
    }
  }
}
