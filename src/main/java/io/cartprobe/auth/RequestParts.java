package io.cartprobe.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/** What signatures are computed over: a request's body bytes and its Host header value. */
final class RequestParts {

  private RequestParts() {}

  /** The bytes the request will send (cartprobe's bodies are in memory, so reading is repeatable). */
  static byte[] body(Request request) {
    RequestBody body = request.body();
    if (body == null) {
      return new byte[0];
    }
    try (Buffer buffer = new Buffer()) {
      body.writeTo(buffer);
      return buffer.readByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Content-Type OkHttp will send: the header if set, else the body's own. */
  static Optional<String> contentType(Request request) {
    String header = request.header("Content-Type");
    if (header != null) {
      return Optional.of(header);
    }
    return Optional.ofNullable(request.body()).map(RequestBody::contentType).map(Object::toString);
  }

  /** {@code host[:port]}, the port only when not the scheme's default, as OkHttp sends it. */
  static String host(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }
}
