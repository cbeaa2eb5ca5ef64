package io.cartprobe.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** How the agent's endpoints answer: headers every answer has, gzip when it is taken. */
final class Responses {

  private Responses() {}

  static void busy(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", "1");
    send(exchange, 503, "text/plain; charset=utf-8",
        "busy: more than " + Renders.QUEUE + " requests are waiting to be answered; retry\n");
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] bytes)
      throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    ResponseEncoding.Encoded encoded = head ? new ResponseEncoding.Encoded(bytes, null)
        : ResponseEncoding.choose(exchange.getRequestHeaders().getFirst("Accept-Encoding"), bytes);
    if (encoded.contentEncoding() != null) {
      exchange.getResponseHeaders().set("Content-Encoding", encoded.contentEncoding());
    }
    write(exchange, status, contentType, encoded.body());
  }

  /** {@code body} as it is (already encoded, its Content-Encoding set). */
  static void write(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    common(exchange, contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * A gzip body sent inflated, chunked, as it is read: the whole text never exists in memory
   * at once, for a client that does not take gzip.
   */
  static void inflated(HttpExchange exchange, int status, String contentType, byte[] gzip)
      throws IOException {
    common(exchange, contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, 0);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip));
        OutputStream out = exchange.getResponseBody()) {
      in.transferTo(out);
    }
  }

  private static void common(HttpExchange exchange, String contentType) {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
  }
}
