package io.cartprobe.demo;

import java.time.Instant;
import java.util.List;

/**
 * The gateway provider's public status page, in Atlassian Statuspage v2's format
 * ({@code GET /gateway/status/api/v2/summary.json}), as Stripe or Adyen publish theirs. With
 * {@link Fault#PROVIDER_INCIDENT} on it shows an unresolved incident on "Card payments" and that
 * component in partial outage; switched off, the incident is resolved and drops off the summary
 * (Statuspage lists only unresolved incidents there).
 */
final class GatewayStatusPage {

  static final String PATH = "/gateway/status/api/v2/summary.json";
  static final String INCIDENT = "Elevated declines for card payments";
  private static final String PAGE_ID = "demo0gateway";
  /** The components' creation, as fixed as the demo's other data. */
  private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

  private final Faults faults;
  private final String pageUrl;

  GatewayStatusPage(Faults faults, String pageUrl) {
    this.faults = faults;
    this.pageUrl = pageUrl;
  }

  void register(Router router) {
    router.add("GET", PATH, request -> Response.json(200, summary()));
  }

  record Summary(Page page, Status status, List<Component> components, List<Incident> incidents,
      List<Incident> scheduledMaintenances) {}

  record Page(String id, String name, String url, String timeZone, Instant updatedAt) {}

  record Status(String indicator, String description) {}

  record Component(String id, String name, String status, Instant createdAt, Instant updatedAt,
      int position, String description, boolean showcase, String groupId, String pageId,
      boolean group, boolean onlyShowIfDegraded) {}

  record Incident(String id, String name, String status, Instant createdAt, Instant updatedAt,
      Instant monitoringAt, Instant resolvedAt, String impact, String shortlink,
      Instant startedAt, String pageId, List<Update> incidentUpdates, List<Component> components) {}

  record Update(String id, String status, String body, String incidentId, Instant createdAt,
      Instant updatedAt, Instant displayAt, List<Affected> affectedComponents,
      boolean deliverNotifications) {}

  record Affected(String code, String name, String oldStatus, String newStatus) {}

  private Summary summary() {
    var posted = faults.activeSince(Fault.PROVIDER_INCIDENT);
    String cards = posted.isPresent() ? "partial_outage" : "operational";
    Instant updated = posted.orElse(CREATED);
    Component api = component("demo0api0001", "API", "operational", CREATED, 1);
    Component card = component("demo0cards01", "Card payments", cards, updated, 2);
    Component dashboard = component("demo0dash001", "Dashboard", "operational", CREATED, 3);
    List<Incident> incidents = posted.map(at -> List.of(new Incident("demo0inc0001", INCIDENT,
        "investigating", at, at, null, null, "minor", pageUrl + "/incidents/demo0inc0001", at,
        PAGE_ID, List.of(new Update("demo0upd0001", "investigating",
            "We are seeing elevated decline rates for card payments and are investigating.",
            "demo0inc0001", at, at, at, List.of(new Affected("demo0cards01", "Card payments",
                "operational", "partial_outage")), true)), List.of(card)))).orElse(List.of());
    Status status = posted.isPresent() ? new Status("minor", "Partially Degraded Service")
        : new Status("none", "All Systems Operational");
    return new Summary(new Page(PAGE_ID, "Demo Payment Gateway", pageUrl, "Etc/UTC", updated),
        status, List.of(api, card, dashboard), incidents, List.of());
  }

  private static Component component(String id, String name, String status, Instant updated,
      int position) {
    return new Component(id, name, status, CREATED, updated, position, null, false, null, PAGE_ID,
        false, false);
  }
}
