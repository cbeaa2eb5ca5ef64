package io.cartprobe.agent;

import com.fasterxml.jackson.databind.JsonNode;

/** A plain table of {@code /api/status} for {@code GET /}; escaped, offline, no scripts. */
final class StatusHtml {

  private StatusHtml() {}

  static String render(JsonNode status) {
    StringBuilder html = new StringBuilder("""
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="10"><title>cartprobe</title></head><body>
        <h1>cartprobe</h1><table><tr><th>probe</th><th>env</th><th>state</th><th>failed step</th><th>reason</th></tr>
        """);
    for (JsonNode probe : status.path("probes")) {
      JsonNode failure = probe.path("last_result").path("failure");
      html.append("<tr><td>").append(escape(probe.path("probe").asText()))
          .append("</td><td>").append(escape(probe.path("env").asText()))
          .append("</td><td>").append(escape(probe.path("state").asText()))
          .append("</td><td>").append(escape(failure.path("step").asText("")))
          .append("</td><td>").append(escape(failure.path("reason").asText("")))
          .append("</td></tr>\n");
    }
    return html.append("</table><p><a href=\"/api/status\">/api/status</a> · <a href=\"/metrics\">/metrics</a></p></body></html>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
