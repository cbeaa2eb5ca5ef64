package io.cartprobe.statuspage;

import io.cartprobe.incident.Episode;
import io.cartprobe.incident.ProviderTicket;
import io.cartprobe.result.ConfigChange;
import io.cartprobe.result.ProbableCause.FieldChange;
import io.cartprobe.result.StepExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /incidents/ID}: one alert episode as a provider's support desk needs it, with the
 * plain-text block to paste into their ticket. Everything shown is already redacted.
 */
public final class EvidencePage {

  private EvidencePage() {}

  public static String render(Episode e, Map<String, String> agentLabels, String version,
      Instant now) {
    String title = e.alert() + ": " + e.probe() + " @ " + e.environment() + " · evidence";
    return Layout.page(title, new Layout.Header(agentLabels, version, now, Duration.ofMinutes(1)),
        m -> {
          m.open("p", "class", "back").open("a", "href", "/").text("← all probes").close().close();
          m.element("h1", title);
          m.open("dl", "class", "evidence");
          item(m, "alert", e.alert() + " (" + e.severity() + ")");
          item(m, "probe", e.probe());
          item(m, "environment", e.environment());
          item(m, "variant", e.variant().isEmpty() ? "(none)" : e.variant());
          item(m, "first failure", e.firstFailure().toString());
          item(m, "firing", e.openedAt() + e.closedAt().map(c -> " until " + c).orElse(", ongoing"));
          e.probableCause().ifPresent(c -> item(m, "probable cause", c));
          m.close();
          e.providerStatus().forEach(p -> p.findings().forEach(line ->
              m.element("p", line, "class", "cause provider")));
          e.failingStep().ifPresent(s -> {
            m.element("h2", "Failing step: " + s.step() + " (" + s.component() + ")");
            m.element("p", "reason " + s.reason() + ": " + s.message());
            exchange(m, s.exchange());
          });
          m.element("h2", "Failed runs (" + e.failedRuns().size() + ")");
          m.open("table").open("thead").open("tr");
          for (String h : new String[] {"time", "trace id", "step", "reason", "message"}) {
            m.element("th", h);
          }
          m.close().close().open("tbody");
          for (Episode.FailedRun r : e.failedRuns()) {
            m.open("tr").element("td", r.at().toString()).element("td", r.traceId())
                .element("td", r.step()).element("td", r.reason()).element("td", r.message())
                .close();
          }
          m.close().close();
          m.element("h2", "Same probe elsewhere");
          m.open("ul");
          e.contrast().forEach(p -> m.element("li", p.probe() + " @ " + p.environment() + ": "
              + p.verdict() + " at " + p.at(), "data-verdict", p.verdict()));
          m.close();
          m.element("h2", "Configuration changes");
          m.open("ul");
          for (ConfigChange c : e.configChanges()) {
            m.open("li").text(c.at() + " " + c.probe() + ": ");
            for (FieldChange f : c.changes()) {
              m.element("code", f.path() + " " + f.before() + " -> " + f.after());
            }
            m.close();
          }
          m.close();
          m.element("h2", "Copy for the provider");
          m.element("pre", ProviderTicket.text(e), "class", "ticket", "id", "copy-for-provider");
        });
  }

  private static void item(Markup m, String term, String value) {
    m.element("dt", term).element("dd", value);
  }

  private static void exchange(Markup m, StepExchange x) {
    StringBuilder request = new StringBuilder(x.method() + " " + x.url() + "\n");
    x.requestHeaders().forEach((k, v) -> request.append(k).append(": ").append(v).append('\n'));
    if (!x.requestBody().isEmpty()) {
      request.append('\n').append(x.requestBody());
    }
    m.element("h3", "Request");
    m.element("pre", request.toString(), "class", "request");
    StringBuilder response = new StringBuilder(
        x.status().map(s -> "HTTP " + s).orElse("(no response)") + "\n");
    x.responseHeaders().forEach((k, v) -> response.append(k).append(": ").append(v).append('\n'));
    if (!x.responseBody().isEmpty()) {
      response.append('\n').append(x.responseBody());
    }
    m.element("h3", "Response");
    m.element("pre", response.toString(), "class", "response");
  }
}
