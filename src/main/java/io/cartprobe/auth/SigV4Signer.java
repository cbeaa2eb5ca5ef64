package io.cartprobe.auth;

import io.cartprobe.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * AWS Signature Version 4 for the Authorization header, as AWS's "Create a signed AWS API
 * request" page describes it: canonical request, string to sign, derived signing key, with the
 * JDK's SHA-256 and HMAC. Signs host, x-amz-date, content-type and every x-amz-* header; S3
 * also gets x-amz-content-sha256 and single-encoded paths, as S3 requires.
 */
public final class SigV4Signer {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4Signer() {}

  /** {@code sigv4} with its strings rendered; the request as it will be sent, signed at {@code now}. */
  public static Request sign(AuthConfig.AwsSigV4 sigv4, Request request, Instant now) {
    String amzDate = STAMP.format(now);
    byte[] body = RequestParts.body(request);
    String payloadHash = hex(sha256(body));
    Request.Builder out = request.newBuilder()
        .header("Host", RequestParts.host(request.url()))
        .header("X-Amz-Date", amzDate);
    RequestParts.contentType(request).ifPresent(type -> out.header("Content-Type", type));
    sigv4.sessionToken().ifPresent(token -> out.header("X-Amz-Security-Token", token));
    if (sigv4.service().equals("s3")) {
      out.header("X-Amz-Content-Sha256", payloadHash);
    }
    Request prepared = out.build();

    Map<String, String> signed = signedHeaders(prepared);
    String names = String.join(";", signed.keySet());
    String canonical = String.join("\n", prepared.method(), canonicalPath(prepared.url(), sigv4.service()),
        canonicalQuery(prepared.url()), canonicalHeaders(signed), names, payloadHash);
    String scope = amzDate.substring(0, 8) + "/" + sigv4.region() + "/" + sigv4.service() + "/aws4_request";
    String toSign = String.join("\n", ALGORITHM, amzDate, scope, hex(sha256(canonical.getBytes(StandardCharsets.UTF_8))));
    byte[] key = signingKey(sigv4.secretAccessKey(), amzDate.substring(0, 8), sigv4.region(), sigv4.service());
    String signature = hex(hmac(key, toSign));
    return prepared.newBuilder().header("Authorization", ALGORITHM + " Credential=" + sigv4.accessKeyId() + "/"
        + scope + ", SignedHeaders=" + names + ", Signature=" + signature).build();
  }

  /** Lowercase name to trimmed value, sorted; repeated headers joined with commas. */
  private static Map<String, String> signedHeaders(Request request) {
    Map<String, String> out = new TreeMap<>();
    for (String name : request.headers().names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("host") || lower.equals("content-type") || lower.startsWith("x-amz-")) {
        List<String> values = new ArrayList<>();
        request.headers(name).forEach(v -> values.add(v.strip().replaceAll(" +", " ")));
        out.put(lower, String.join(",", values));
      }
    }
    return out;
  }

  private static String canonicalHeaders(Map<String, String> headers) {
    StringBuilder out = new StringBuilder();
    headers.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
    return out.toString();
  }

  /** Each segment encoded per AWS; other services than S3 encode the already-encoded path again. */
  static String canonicalPath(HttpUrl url, String service) {
    List<String> segments = new ArrayList<>();
    for (String segment : url.encodedPathSegments()) {
      String once = encode(decode(segment));
      segments.add(service.equals("s3") ? once : encode(once));
    }
    return "/" + String.join("/", segments);
  }

  static String canonicalQuery(HttpUrl url) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      pairs.add(encode(url.queryParameterName(i)) + "=" + encode(value == null ? "" : value));
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  /** RFC 3986 unreserved characters stay, every other byte is %XX (uppercase). */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static String decode(String encoded) {
    return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
