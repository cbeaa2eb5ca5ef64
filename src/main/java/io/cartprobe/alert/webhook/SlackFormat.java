package io.cartprobe.alert.webhook;

import io.cartprobe.alert.AlertEvent;
import io.cartprobe.result.json.Json;

/**
 * A Slack incoming-webhook message: plain readable text, no emoji, the facts in the order an
 * on-call engineer reads them (what, where, what broke, what changed, where to look).
 */
public record SlackFormat() implements PayloadFormat {

  /** The incoming-webhook body: one {@code text}, Slack's mrkdwn. */
  record Message(String text) {}

  @Override
  public String render(AlertEvent e, RenderContext context) {
    return Json.write(new Message(text(e) + PayloadFormat.evidenceUrl(e, context.externalUrl())
        .map(u -> "\nEvidence for the provider: <" + u + ">").orElse("")));
  }

  static String text(AlertEvent e) {
    StringBuilder t = new StringBuilder();
    t.append('*').append(e.status().toUpperCase(java.util.Locale.ROOT)).append("* [")
        .append(esc(e.severity())).append("] ").append(esc(e.alert())).append(": ")
        .append(esc(e.probe())).append('@').append(esc(e.env()));
    e.agentLabels().forEach((k, v) -> t.append(' ').append(esc(k)).append('=').append(esc(v)));
    if (e.resolved()) {
      t.append("\nResolved after ").append(e.lasted().map(io.cartprobe.alert.Durations::human).orElse("?"))
          .append(" (firing since ").append(e.startsAt()).append(')');
      return t.toString();
    }
    t.append('\n').append(esc(e.condition()));
    e.failure().ifPresent(f -> {
      t.append("\nFailed step: *").append(esc(f.step())).append("* (component ")
          .append(esc(f.component())).append("), reason ").append(esc(f.reason()));
      f.classification().ifPresent(c -> t.append(", classified ").append(esc(c)));
      t.append("\n> ").append(esc(f.message()));
      f.expected().ifPresent(x -> t.append("\nExpected: `").append(esc(x)).append('`'));
      f.actual().ifPresent(x -> t.append("\nActual: `").append(esc(x)).append('`'));
    });
    e.probableCause().ifPresentOrElse(
        c -> t.append("\nProbable cause (").append(c.confidence().wireName()).append("): ")
            .append(esc(c.summary())),
        () -> e.causeNote().ifPresent(n -> t.append("\nProbable cause: none, ").append(esc(n))));
    e.providerStatus().forEach(line -> t.append("\n").append(esc(line)));
    t.append("\nFailing since ").append(e.failuresBegan()).append(", ").append(e.failedRuns())
        .append(e.failedRuns() == 1 ? " run failed" : " runs failed");
    e.runbook().ifPresent(r -> t.append("\nRunbook: <").append(r).append('>'));
    e.traceId().ifPresent(id -> t.append("\nTrace id: `").append(esc(id)).append('`'));
    return t.toString();
  }

  /** Slack's mrkdwn treats &, < and > as markup. */
  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
