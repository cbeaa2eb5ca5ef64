package io.cartprobe.incident;

import io.cartprobe.result.ProbableCause.FieldChange;
import java.util.Map;

/**
 * The "copy for the provider" block: the episode as plain text, ready to paste into the
 * provider's support ticket. Only what the episode already holds, so it is as redacted as it is.
 */
public final class ProviderTicket {

  private ProviderTicket() {}

  public static String text(Episode e) {
    StringBuilder t = new StringBuilder();
    t.append("Synthetic checkout monitoring (cartprobe): ").append(e.probe());
    if (!e.variant().isEmpty()) {
      t.append(" [").append(e.variant()).append(']');
    }
    t.append(" @ ").append(e.environment()).append(" failing since ").append(e.firstFailure())
        .append(e.closedAt().map(c -> ", resolved " + c).orElse(" (ongoing)")).append('\n');
    t.append("Alert: ").append(e.alert()).append(" (").append(e.severity()).append(")\n");
    t.append("Failed runs: ").append(e.failedRuns().size()).append('\n');
    e.failingStep().ifPresent(s -> {
      t.append("\nFailing step: ").append(s.step()).append(" (").append(s.component())
          .append("), reason ").append(s.reason()).append(": ").append(s.message()).append('\n');
      var x = s.exchange();
      t.append("Request: ").append(x.method()).append(' ').append(x.url()).append('\n');
      headers(t, x.requestHeaders());
      if (!x.requestBody().isEmpty()) {
        t.append("  body: ").append(x.requestBody()).append('\n');
      }
      t.append("Response: ").append(x.status().map(String::valueOf).orElse("(none)")).append('\n');
      headers(t, x.responseHeaders());
      if (!x.responseBody().isEmpty()) {
        t.append("  body: ").append(x.responseBody()).append('\n');
      }
    });
    t.append("\nTrace ids of the failed runs (W3C traceparent sent on every request):\n");
    e.failedRuns().forEach(r -> t.append("  ").append(r.at()).append("  ").append(r.traceId())
        .append("  ").append(r.step()).append(' ').append(r.reason()).append('\n'));
    if (!e.contrast().isEmpty()) {
      t.append("\nSame probe elsewhere:\n");
      e.contrast().forEach(p -> t.append("  ").append(p.probe()).append(" @ ")
          .append(p.environment()).append(": ").append(p.verdict()).append(" at ").append(p.at())
          .append('\n'));
    }
    if (!e.configChanges().isEmpty()) {
      t.append("\nConfiguration changes seen:\n");
      e.configChanges().forEach(c -> {
        t.append("  ").append(c.at()).append(' ').append(c.probe()).append(": ");
        for (FieldChange f : c.changes()) {
          t.append(f.path()).append(' ').append(f.before()).append(" -> ").append(f.after())
              .append("; ");
        }
        t.append('\n');
      });
    }
    e.providerStatus().forEach(p -> p.findings().forEach(line -> t.append(line).append('\n')));
    return t.toString();
  }

  private static void headers(StringBuilder t, Map<String, String> headers) {
    headers.forEach((name, value) -> t.append("  ").append(name).append(": ").append(value)
        .append('\n'));
  }
}
