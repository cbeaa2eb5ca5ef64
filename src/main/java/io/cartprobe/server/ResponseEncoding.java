package io.cartprobe.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for answers a client says it takes ({@code Accept-Encoding}), as Prometheus does on every
 * scrape: a 10,000-target {@code /metrics} is ~20 MiB of text and ~1 MiB compressed. Small
 * answers go as they are; the fastest deflate level, because a scrape's compression is paid on
 * the agent's cores every interval, and text this repetitive compresses well at any level.
 */
final class ResponseEncoding {

  /** Below this, the gzip header and a deflate block cost more than they save. */
  static final int MIN_BYTES = 1024;

  private ResponseEncoding() {}

  /** The body to send and its {@code Content-Encoding}, or null for identity. */
  record Encoded(byte[] body, String contentEncoding) {}

  static Encoded choose(String acceptEncoding, byte[] body) {
    if (body.length < MIN_BYTES || !acceptsGzip(acceptEncoding)) {
      return new Encoded(body, null);
    }
    return new Encoded(gzip(body), "gzip");
  }

  /** True when gzip is listed with a weight above 0 (or not excluded by {@code *;q=0}). */
  static boolean acceptsGzip(String header) {
    if (header == null) {
      return false;
    }
    boolean viaWildcard = false;
    for (String item : header.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      boolean allowed = weight(parts) > 0;
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        return allowed;
      }
      if (coding.equals("*")) {
        viaWildcard = allowed;
      }
    }
    return viaWildcard;
  }

  private static double weight(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0; // a weight we cannot read is not a yes
        }
      }
    }
    return 1;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, body.length / 8));
    try (GZIPOutputStream gzip = new FastGzip(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(ByteArrayOutputStream out) throws IOException {
      super(out, 8192);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
