package io.cartprobe.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Reads a response body into memory, refusing more than {@code capBytes}: a probe must not be
 * made to buffer a runaway response. Text is decoded by the Content-Type charset (UTF-8 when
 * absent or unknown).
 */
public final class CappedBodyReader {

  public static final long DEFAULT_CAP = 1024 * 1024;
  private static final int PREFIX_BYTES = 8 * 1024;

  private final long capBytes;

  public CappedBodyReader(long capBytes) {
    if (capBytes < 0) {
      throw new IllegalArgumentException("cap must be >= 0");
    }
    this.capBytes = capBytes;
  }

  public CappedBodyReader() {
    this(DEFAULT_CAP);
  }

  public long capBytes() {
    return capBytes;
  }

  /** @throws BodyTooLargeException when the body is larger than the cap */
  public String read(ResponseBody body) throws IOException {
    Charset charset = charsetOf(body.contentType());
    long declared = body.contentLength();
    BufferedSource source = body.source();
    if (declared > capBytes) {
      // Fail fast on the declared length instead of downloading what we would refuse anyway.
      source.request(Math.min(declared, PREFIX_BYTES));
      throw new BodyTooLargeException(capBytes, "Content-Length: " + declared,
          prefix(source, charset));
    }
    // request() stops at the end of the body, so asking for one byte more than the cap tells
    // "exactly the cap" from "more than the cap" without reading further.
    if (source.request(capBytes + 1)) {
      throw new BodyTooLargeException(capBytes, "more than " + capBytes + " bytes received",
          prefix(source, charset));
    }
    return source.getBuffer().readString(charset);
  }

  private static String prefix(BufferedSource source, Charset charset) {
    long n = Math.min(source.getBuffer().size(), PREFIX_BYTES);
    return source.getBuffer().snapshot().substring(0, (int) n).string(charset);
  }

  static Charset charsetOf(MediaType type) {
    if (type == null) {
      return StandardCharsets.UTF_8;
    }
    Charset charset = type.charset(StandardCharsets.UTF_8);
    return charset != null ? charset : StandardCharsets.UTF_8;
  }
}
