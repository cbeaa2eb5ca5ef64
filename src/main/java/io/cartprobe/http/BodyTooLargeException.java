package io.cartprobe.http;

import java.io.IOException;

/** A response body over the cap; {@code prefix} is its beginning, decoded, for an excerpt. */
public final class BodyTooLargeException extends IOException {

  private final long cap;
  private final String prefix;

  public BodyTooLargeException(long cap, String detail, String prefix) {
    super("response body larger than " + cap + " bytes (" + detail + ")");
    this.cap = cap;
    this.prefix = prefix;
  }

  public long cap() {
    return cap;
  }

  public String prefix() {
    return prefix;
  }
}
