package io.cartprobe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The demo's own alert receiver, so a newcomer sees what the agent sends: {@code POST
 * /demo/webhooks/NAME} takes any webhook payload (answers 200), {@code GET /demo/notifications}
 * shows the latest, newest first (HTML; JSON when the client accepts {@code application/json}).
 */
final class WebhookReceiver {

  /** Older notifications are dropped: the demo runs for hours with faults switched on. */
  static final int KEPT = 200;

  private final Clock clock;
  private final Deque<Notification> received = new ArrayDeque<>();
  private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();

  WebhookReceiver(Clock clock) {
    this.clock = clock;
  }

  /** @param base the demo's {@code http://127.0.0.1:PORT} */
  void register(Router router, String base) {
    router.add("POST", "/demo/webhooks/{name}", request -> {
      String body = new String(request.body(), StandardCharsets.UTF_8);
      Notification n = Notification.read(clock.instant(), request.param("name"),
          request.header("webhook-signature").isPresent(), body);
      synchronized (received) {
        received.addFirst(n);
        while (received.size() > KEPT) {
          received.removeLast();
        }
      }
      listeners.forEach(l -> l.accept(n));
      return Response.text(200, "ok\n");
    }).add("GET", "/demo/notifications", request -> {
      List<Notification> latest = latest();
      boolean json = request.header("Accept").filter(a -> a.contains("application/json")).isPresent();
      return json ? Response.json(200, json(latest))
          : Response.html(200, NotificationsPage.render(base, latest));
    });
  }

  /** Called on the receiving thread for every notification, after it is stored. */
  void onNotification(Consumer<Notification> listener) {
    listeners.add(listener);
  }

  /** Newest first. */
  List<Notification> latest() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** {@code GET /demo/notifications} as JSON: what arrived, newest first, with its body. */
  record Received(Instant receivedAt, String webhook, String format, boolean signed,
      List<String> lines, List<String> details, JsonNode body) {}

  record ReceivedList(List<Received> notifications) {}

  private static ReceivedList json(List<Notification> latest) {
    return new ReceivedList(latest.stream().map(n -> new Received(n.receivedAt(), n.webhook(),
        n.format(), n.signed(), n.lines(), n.details(), Notification.parseLenient(n.body())))
        .toList());
  }
}
