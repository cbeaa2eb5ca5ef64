package io.cartprobe.auth;

import java.time.Instant;

/**
 * A bearer token and when cartprobe stops using it ({@code refreshAt}): shortly before the
 * endpoint's {@code expires_in}, so a request never carries a token that expires in flight.
 */
public record AccessToken(String value, Instant refreshAt) {

  /** Never the token: it is a secret. */
  @Override
  public String toString() {
    return "AccessToken[refreshAt=" + refreshAt + "]";
  }
}
