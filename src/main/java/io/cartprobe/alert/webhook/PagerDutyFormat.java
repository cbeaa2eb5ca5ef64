package io.cartprobe.alert.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.alert.AlertEvent;
import io.cartprobe.alert.FailureDetail;
import io.cartprobe.config.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PagerDuty Events API v2 alert event. The dedup key is the instance's Alertmanager fingerprint,
 * so a repeat lands on the open alert and the resolve closes it. The routing key is not rendered:
 * {@link #seal} adds it to each attempt, so queued bodies (and the state file) never hold it.
 */
public record PagerDutyFormat() implements PayloadFormat {

  /** PagerDuty's documented limits. */
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;
  /** "retry on a 429 response code, preferably with a backoff of a few minutes". */
  static final Duration RATE_LIMITED_WAIT = Duration.ofMinutes(1);

  /** A link PagerDuty shows on the incident. */
  record Link(String href, String text) {}

  @Override
  public String render(AlertEvent e, RenderContext context) {
    ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    root.put("event_action", e.resolved() ? "resolve" : "trigger");
    root.put("dedup_key", Fingerprint.of(AlertLabels.labels(e)));
    root.put("client", "cartprobe");
    String statusPage = PayloadFormat.generatorUrl(e, context.externalUrl());
    if (!statusPage.isEmpty()) {
      root.put("client_url", statusPage);
    }
    if (e.resolved()) {
      return io.cartprobe.result.json.Json.write(root);  // PagerDuty reads only the key and the action
    }
    root.set("payload", PagerDutyDetails.payload(e));
    root.set("links", io.cartprobe.result.json.Json.tree(links(e, context.externalUrl())));
    return io.cartprobe.result.json.Json.write(root);
  }

  static List<Link> links(AlertEvent e, String externalUrl) {
    List<Link> links = new ArrayList<>();
    e.runbook().ifPresent(r -> links.add(new Link(r, "Runbook")));
    String page = PayloadFormat.generatorUrl(e, externalUrl);
    if (!page.isEmpty()) {
      links.add(new Link(page, "Status page: " + e.probe() + "@" + e.env()));
    }
    PayloadFormat.evidenceUrl(e, externalUrl)
        .ifPresent(u -> links.add(new Link(u, "Evidence for the provider")));
    e.failure().flatMap(FailureDetail::artifacts).filter(x -> !externalUrl.isBlank()).ifPresent(x ->
        links.add(new Link(externalUrl.replaceAll("/+$", "") + x,
            "Screenshot and page logs: " + e.failure().orElseThrow().step())));
    e.probableCause().ifPresent(c -> {
      String evidence = PayloadFormat.statusPageUrl(c.probe(), c.environment(), externalUrl);
      if (!evidence.isEmpty()) {
        links.add(new Link(evidence, "Evidence: " + c.probe() + "@" + c.environment()));
      }
    });
    return links;
  }

  @Override
  public String seal(String body, Webhook webhook) {
    try {
      ObjectNode sealed = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      sealed.put("routing_key", webhook.routingKey().orElse(""));
      sealed.setAll((ObjectNode) io.cartprobe.result.json.Json.parse(body));
      return io.cartprobe.result.json.Json.write(sealed);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("a queued pagerduty body is not a JSON object", e);
    }
  }

  @Override
  public Duration minimumRetryWait(int status) {
    return status == 429 ? RATE_LIMITED_WAIT : Duration.ZERO;
  }
}
