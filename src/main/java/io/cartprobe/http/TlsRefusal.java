package io.cartprobe.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Finds out why a server closed a TLS connection right after the handshake. With TLS 1.3 a
 * client completes its side of the handshake before the server has checked the client
 * certificate, so a refused (or missing) one shows up as "Broken pipe" on the request. The
 * server's reason is an alert that arrives after that; one more handshake that only reads
 * catches it, as {@code openssl s_client} would show it.
 */
final class TlsRefusal {

  /** Long enough for a local or regional server to answer, short next to a probe's timeout. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private TlsRefusal() {}

  /** Whether {@code error} on {@code url} looks like a server hanging up after the handshake. */
  static boolean worthAsking(HttpUrl url, IOException error) {
    return url.isHttps() && !has(error, SSLException.class)
        && (has(error, java.net.SocketException.class) || has(error, java.io.EOFException.class)
            // Over HTTP/2 the same hang-up arrives as OkHttp's (internal) connection shutdown,
            // depending on which side of the race the request was on.
            || named(error, "ConnectionShutdownException")
            || String.valueOf(error.getMessage()).contains("unexpected end of stream"));
  }

  /** The server's alert, when it sends one after a fresh handshake from {@code client}. */
  static Optional<SSLException> ask(OkHttpClient client, HttpUrl url, Duration budget) {
    int wait = (int) Math.max(1, Math.min(WAIT.toMillis(), budget.toMillis()));
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(url.host(), url.port()), wait);
      raw.setSoTimeout(wait);
      try (SSLSocket tls = (SSLSocket) client.sslSocketFactory().createSocket(raw, url.host(), url.port(), false)) {
        tls.setSoTimeout(wait);
        tls.startHandshake();
        InputStream in = tls.getInputStream();
        in.read();
        return Optional.empty();
      }
    } catch (SSLException e) {
      return Optional.of(e);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean named(Throwable error, String simpleName) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getSimpleName().equals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
