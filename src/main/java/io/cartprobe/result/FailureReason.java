package io.cartprobe.result;

import java.util.Locale;

/** Why a step failed; the values of the {@code reason} label. */
public enum FailureReason {
  DNS, CONNECT, TLS, TIMEOUT, REDIRECTS, STATUS, ASSERTION, LATENCY, BODY, EXTRACT, TEMPLATE,
  CONFIG_CHANGED, CERT_EXPIRY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
