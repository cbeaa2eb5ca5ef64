package io.cartprobe.probe;

import io.cartprobe.http.HttpExchange;
import io.cartprobe.result.StepExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Keeps what a failed step sent and got, for the evidence page. Raw here: the run's redactor
 * hides secrets and card numbers in it at the end of the run, with every other output.
 */
final class ExchangeCapture {

  /** As much of a request body as the page shows; a checkout's JSON bodies are far smaller. */
  static final int BODY_LIMIT = 2048;

  private ExchangeCapture() {}

  static StepExchange of(Request request, HttpExchange.Head head, String responseExcerpt) {
    return new StepExchange(request.method(), request.url().toString(), flat(request.headers()),
        body(request.body()), Optional.of(head.status()), flat(head.headers()), responseExcerpt);
  }

  private static Map<String, String> flat(Headers headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : headers.names()) {
      out.put(name, String.join(", ", headers.values(name)));
    }
    return out;
  }

  private static String body(RequestBody body) {
    if (body == null) {
      return "";
    }
    try {
      long length = body.contentLength();
      if (length < 0 || length > 64 * 1024) {
        return "(" + (length < 0 ? "streamed" : length + " bytes") + ", not shown)";
      }
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      String text = buffer.readUtf8();
      return text.length() > BODY_LIMIT ? text.substring(0, BODY_LIMIT) + "...[truncated]" : text;
    } catch (IOException e) {
      return "(could not be read again: " + e.getMessage() + ")";
    }
  }
}
