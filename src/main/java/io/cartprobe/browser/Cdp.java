package io.cartprobe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A DevTools protocol connection to one browser over its WebSocket: commands with replies
 * matched by id, events routed by session. Flat sessions, so one socket serves every page.
 */
final class Cdp implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  /** Per page session: the event handler of its {@link Page}. */
  private final Map<String, Consumer<JsonNode>> listeners = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private Cdp(WebSocket socket) {
    this.socket = socket;
  }

  static Cdp connect(URI ws, Duration timeout) throws BrowserException {
    Receiver receiver = new Receiver();
    try {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(timeout).buildAsync(ws, receiver).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Cdp cdp = new Cdp(socket);
      receiver.owner = cdp;
      return cdp;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while connecting to Chromium");
    } catch (ExecutionException | TimeoutException e) {
      throw new BrowserException("cannot connect to Chromium's DevTools: " + e.getMessage());
    }
  }

  void listen(String sessionId, Consumer<JsonNode> handler) {
    listeners.put(sessionId, handler);
  }

  void forget(String sessionId) {
    listeners.remove(sessionId);
  }

  boolean isOpen() {
    return !closed;
  }

  /** Sends a command and waits at most {@code timeout} for its reply's {@code result}. */
  JsonNode send(String sessionId, String method, ObjectNode params, Duration timeout)
      throws BrowserException {
    if (closed) {
      throw new BrowserException("Chromium is gone (its DevTools connection closed)");
    }
    long id = ids.incrementAndGet();
    ObjectNode msg = MAPPER.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params == null ? MAPPER.createObjectNode() : params);
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      synchronized (socket) {
        socket.sendText(msg.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      JsonNode r = reply.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      if (r.has("error")) {
        throw new BrowserException(method + ": " + r.path("error").path("message").asText());
      }
      return r.path("result");
    } catch (TimeoutException e) {
      throw new BrowserException.Timeout(method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted during " + method);
    } catch (ExecutionException e) {
      throw new BrowserException(method + ": " + e.getCause().getMessage());
    } finally {
      pending.remove(id);
    }
  }

  static ObjectNode params() {
    return MAPPER.createObjectNode();
  }

  private void onMessage(String text) {
    JsonNode msg;
    try {
      msg = MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return;
    }
    if (msg.has("id")) {
      CompletableFuture<JsonNode> f = pending.get(msg.get("id").asLong());
      if (f != null) {
        f.complete(msg);
      }
    } else {
      Consumer<JsonNode> l = listeners.get(msg.path("sessionId").asText(""));
      if (l != null) {
        l.accept(msg);
      }
    }
  }

  private void onClosed() {
    closed = true;
    pending.values().forEach(f -> f.completeExceptionally(new java.io.IOException("connection closed")));
  }

  @Override
  public void close() {
    closed = true;
    socket.abort();
  }

  /** Assembles fragmented frames (a screenshot reply spans many) into messages. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile Cdp owner;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (owner != null) {
          owner.onMessage(text);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      if (owner != null) {
        owner.onClosed();
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (owner != null) {
        owner.onClosed();
      }
    }
  }
}
