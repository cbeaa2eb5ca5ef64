package io.cartprobe.alert.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver that answers like Python's {@code http.server} does: an HTTP/1.0 answer
 * with a Content-Length and no "Connection: close", then it closes the connection. A client that
 * pools the connection finds it dead on the next request.
 */
public final class ClosingReceiver implements AutoCloseable {

  private final ServerSocket server;
  private final Thread acceptor;
  /** The body of every request read to its end, in arrival order. */
  public final List<String> bodies = new CopyOnWriteArrayList<>();
  /** Connections accepted, whether or not a request came on them. */
  private volatile int connections;

  private final boolean answers;

  public ClosingReceiver() throws IOException {
    this(true);
  }

  /** One that reads each request and closes without an answer: a receiver dying mid-request. */
  public static ClosingReceiver silent() throws IOException {
    return new ClosingReceiver(false);
  }

  private ClosingReceiver(boolean answers) throws IOException {
    this.answers = answers;
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  public int connections() {
    return connections;
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections++;
        answer(socket);
      } catch (IOException e) {
        // closed, or the client went away mid-request: the next connection is what counts
      }
    }
  }

  private void answer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    if (head.isEmpty()) {
      return;
    }
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    bodies.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    if (!answers) {
      return;
    }
    OutputStream out = socket.getOutputStream();
    out.write("HTTP/1.0 200 OK\r\nServer: BaseHTTP/0.6\r\nContent-Length: 2\r\n\r\nok"
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
