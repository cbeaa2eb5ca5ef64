package io.cartprobe.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Sends a few requests through a run's own code path to a loopback server of its own, once,
 * before the first real step: class loading and the interpreter's first passes over OkHttp's,
 * okio's and the JDK's socket code would otherwise land inside the first step's network time
 * (tens of milliseconds in a cold JVM for an answer that takes one). Best effort: a warm-up that
 * fails only leaves the first step as cold as it was.
 */
final class ClientWarmUp {

  /** Enough for the hot loops (header parsing, okio's buffers) to leave the interpreter. */
  static final int EXCHANGES = 8;

  private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\n"
      + "Content-Type: application/json; charset=utf-8\r\nContent-Length: 11\r\n\r\n"
      + "{\"ok\":true}").getBytes(StandardCharsets.US_ASCII);
  private static final MediaType JSON = MediaType.get("application/json");

  private ClientWarmUp() {}

  /**
   * @param exchanges the loopback exchanges
   * @param tls the TLS warm-up, on a thread of its own beside the exchanges: on two cores the
   *     two take the time of the longer
   */
  static void run(ProbeHttpClient http, boolean exchanges, boolean tls) {
    Thread handshake = tls ? Thread.ofVirtual().start(ClientWarmUp::warmTls) : null;
    if (exchanges) {
      exchange(http);
    }
    if (handshake != null) {
      try {
        handshake.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void exchange(ProbeHttpClient http) {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answering = Thread.ofVirtual().start(() -> answer(server));
      String url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
          + server.getLocalPort() + "/";
      try (RunSession session = http.newRun(TraceContext.start(new SplittableRandom()))) {
        for (int i = 0; i < EXCHANGES; i++) {
          Request.Builder request = new Request.Builder().url(url + i);
          if (i % 2 == 1) {
            request.post(RequestBody.create("{\"warm\":" + i + "}", JSON));
          }
          session.execute(request.build(), Duration.ofSeconds(2));
        }
      }
      answering.join(Duration.ofSeconds(2));
    } catch (IOException | RuntimeException e) {
      // the first step is measured anyway, only colder
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // No name lookup: the resolver is the user's (or the system's) and may hang; a warm-up
    // must never hold the first run up.
  }

  /** The client's first TLS message: handshake classes and key-share generation. */
  private static void warmTls() {
    try {
      SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
      engine.setUseClientMode(true);
      engine.beginHandshake();
      engine.wrap(ByteBuffer.allocate(0),
          ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    } catch (Exception e) {
      // as above: only the first TLS handshake stays colder
    }
  }

  /** Answers every request of one keep-alive connection with a small JSON body. */
  private static void answer(ServerSocket server) {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(2000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < EXCHANGES; i++) {
        int length = readHead(in);
        if (length < 0) {
          return;
        }
        in.skipNBytes(length);
        out.write(ANSWER);
        out.flush();
      }
    } catch (IOException e) {
      // the client gave up; it carries on without
    }
  }

  /** Reads a request head; returns its Content-Length (0 if none), or -1 at end of stream. */
  private static int readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
        break;
      }
    }
    if (b < 0) {
      return -1;
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }
}
