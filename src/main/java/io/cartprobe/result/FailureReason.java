package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a step failed; the values of the {@code reason} label. */
public enum FailureReason {
  DNS, CONNECT, TLS, TIMEOUT, STATUS, ASSERTION, LATENCY, BODY, EXTRACT, TEMPLATE,
  CONFIG_CHANGED, CERT_EXPIRY;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
