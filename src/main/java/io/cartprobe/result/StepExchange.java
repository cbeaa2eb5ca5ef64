package io.cartprobe.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed step sent and got, as a provider's support desk asks for it: the request's
 * method, URL, headers and body, the response's status, headers and body excerpt. Redacted like
 * the rest of the result (credential headers masked whole). In-process, and kept by the evidence
 * page; not part of the result's JSON forms.
 */
public record StepExchange(
    String method,
    String url,
    Map<String, String> requestHeaders,
    String requestBody,
    Optional<Integer> status,
    Map<String, String> responseHeaders,
    String responseBody) {

  public StepExchange {
    requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
    responseHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(responseHeaders));
    requestBody = requestBody == null ? "" : requestBody;
    responseBody = responseBody == null ? "" : responseBody;
    status = status == null ? Optional.empty() : status;
  }
}
