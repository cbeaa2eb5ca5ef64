package io.cartprobe.cli;

import io.cartprobe.demo.DemoShop;
import io.cartprobe.demo.Fault;
import io.cartprobe.demo.Notification;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code cartprobe demo} prints: where everything is and what to try, in a few lines. */
final class DemoBanner {

  static final int DEFAULT_PORT = 8080;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private DemoBanner() {}

  /** @param agentUrl {@code http://127.0.0.1:PORT} of the agent, absent with {@code --no-agent} */
  static List<String> lines(DemoShop shop, Optional<String> agentUrl) {
    String base = shop.baseUrl();
    String faults = List.of(Fault.values()).stream().map(Fault::id).collect(Collectors.joining(", "));
    // The shipped probes.yaml finds the demo on 8080; elsewhere `run` must be told.
    String probe = (shop.port() == DEFAULT_PORT ? "" : "CARTPROBE_DEMO_URL=" + base + " ")
        + "cartprobe run -p checkout";
    var lines = new java.util.ArrayList<String>();
    lines.add("cartprobe demo is running");
    lines.add("  shop           " + base + "/staging  and  " + base + "/production");
    lines.add("  gateway        " + base + "/gateway");
    agentUrl.ifPresent(url -> {
      lines.add("  status page    " + url + "/    (the agent, probing both with probes.yaml)");
      lines.add("  metrics        " + url + "/metrics");
    });
    lines.add("  notifications  " + base + "/demo/notifications    (the alerts its webhooks sent)");
    lines.add("");
    lines.add("Break it:  curl -X POST " + base + "/demo/faults/gateway-config    (the May 9 incident)");
    lines.add("Probe it:  " + probe + "    (in another terminal)");
    lines.add("Faults:    " + faults + "    (docs/demo.md)");
    lines.add("Ctrl-C stops the demo. Alerts received are shown below as they arrive.");
    return lines;
  }

  /** One line per alert in a notification, e.g. {@code 14:02:11 oncall: FIRING checkout-failing ...}. */
  static List<String> lines(Notification n) {
    String prefix = TIME.format(n.receivedAt()) + " " + n.webhook() + ": ";
    return n.lines().stream().map(line -> prefix + line).toList();
  }
}
