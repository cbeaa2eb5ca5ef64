package io.cartprobe.result;

/**
 * What blackbox_exporter reports of a request's final response, kept so {@code /probe} can
 * export the same {@code probe_http_*} series. In-process only: not in any JSON form.
 *
 * @param httpVersion the protocol of the final response: 1.0, 1.1, 2.0 or 3.0
 * @param tls whether the final response came over TLS
 * @param redirects how many redirects were followed to get there
 * @param contentLength the response's declared length in bytes, -1 when it did not say
 * @param ipVersion 4 or 6 for the connection that answered; 0 when not known
 */
public record HttpFacts(double httpVersion, boolean tls, int redirects, long contentLength,
    int ipVersion) {}
