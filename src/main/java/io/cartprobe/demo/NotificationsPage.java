package io.cartprobe.demo;

import java.util.List;

/** The receiver's page: what the agent's webhooks sent, newest first, refreshed every 5 s. */
final class NotificationsPage {

  private NotificationsPage() {}

  /** @param base the demo's {@code http://127.0.0.1:PORT}, for the hint on switching a fault on */
  static String render(String base, List<Notification> latest) {
    StringBuilder html = new StringBuilder("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
        <title>cartprobe demo: notifications</title>
        <style>
        body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}
        li{margin:.8em 0}.firing{color:#b00020}.resolved{color:#1b7f3b}
        time,small{color:#666}pre.detail{background:none;padding:0 0 0 1em;font-size:13px}
        pre{background:#f4f4f4;padding:.6em;overflow:auto;font-size:12px}
        </style></head><body>
        <h1>Notifications received by the demo</h1>
        <p>The agent's webhooks (<code>webhooks:</code> in probes.yaml) point here. Switch a fault on
        (<code>curl -X POST BASE/demo/faults/gateway-config</code>) and the alerts it fires
        appear below within a minute or so; they resolve after it is switched off.</p>
        """.replace("BASE", escape(base)));
    if (latest.isEmpty()) {
      html.append("<p><em>Nothing yet: no alert has fired.</em></p>\n");
    }
    html.append("<ul>\n");
    for (Notification n : latest) {
      html.append("<li><time>").append(n.receivedAt()).append("</time> <small>")
          .append(escape(n.webhook())).append(", ").append(escape(n.format()))
          .append(n.signed() ? ", signed" : "").append("</small>");
      for (int i = 0; i < n.lines().size(); i++) {
        String line = n.lines().get(i);
        String css = line.startsWith("FIRING") ? "firing" : line.startsWith("RESOLVED") ? "resolved" : "";
        html.append("<div class=\"").append(css).append("\"><b>").append(escape(line)).append("</b></div>");
        if (i < n.details().size() && !n.details().get(i).isBlank()) {
          html.append("<pre class=\"detail\">").append(escape(n.details().get(i))).append("</pre>");
        }
      }
      html.append("<details><summary>payload</summary><pre>").append(escape(n.body()))
          .append("</pre></details></li>\n");
    }
    return html.append("</ul></body></html>\n").toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
