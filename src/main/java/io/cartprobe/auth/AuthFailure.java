package io.cartprobe.auth;

import java.io.IOException;
import java.util.Optional;

/**
 * The credentials a step needs could not be had: the step is not sent, and fails with reason
 * {@code auth}. {@code transport} is set when the token endpoint could not be reached at all,
 * so the caller can say why in its own words (DNS, TLS, ...).
 */
public final class AuthFailure extends Exception {

  private final transient Optional<IOException> transport;

  public AuthFailure(String message) {
    super(message);
    this.transport = Optional.empty();
  }

  public AuthFailure(String message, IOException transport) {
    super(message, transport);
    this.transport = Optional.of(transport);
  }

  public Optional<IOException> transport() {
    return transport;
  }
}
