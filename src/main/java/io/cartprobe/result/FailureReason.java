package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a step failed; the values of the {@code reason} label. {@code AUTH}: the credentials a
 * step needs could not be had (an OAuth2 token endpoint refused or was unreachable), so the
 * step was never sent. {@code BROWSER}: a browser action could not happen (no such element in
 * time, a navigation error, the page hung, no Chromium). {@code PROVIDER_INCIDENT}: a
 * provider-status probe read its provider's status page and found an unresolved incident or a
 * watched component that is not operational.
 */
public enum FailureReason {
  DNS, CONNECT, TLS, TIMEOUT, REDIRECTS, STATUS, ASSERTION, LATENCY, BODY, EXTRACT, TEMPLATE,
  CONFIG_CHANGED, CERT_EXPIRY, AUTH, BROWSER, PROVIDER_INCIDENT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
