package io.cartprobe.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a payment provider's own status page said at one read (a provider-status probe's run):
 * the watched components' statuses and the unresolved incidents touching them. On a failed
 * checkout the same record quotes the environment's provider while it reports trouble.
 *
 * @param probe the provider-status probe that read the page
 * @param page the status page's own address ({@code page.url} of the summary), for people
 * @param components each watched component's status as the page spells it ({@code operational},
 *     {@code degraded_performance}, {@code partial_outage}, {@code major_outage},
 *     {@code under_maintenance}), in the page's order
 * @param incidents unresolved incidents touching the watched components, newest first
 */
public record ProviderStatus(
    String probe,
    @JsonProperty("env") String environment,
    String page,
    Map<String, String> components,
    List<ProviderIncident> incidents) {

  public static final String OPERATIONAL = "operational";
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

  public ProviderStatus {
    page = page == null ? "" : page;
    components = components == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(components));
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  /** An unresolved incident, as the page publishes it. */
  public record ProviderIncident(
      String name,
      String status,
      String impact,
      Instant startedAt,
      String link,
      List<String> components,
      String latestUpdate) {

    public ProviderIncident {
      link = link == null ? "" : link;
      components = components == null ? List.of() : List.copyOf(components);
      latestUpdate = latestUpdate == null ? "" : latestUpdate;
    }

    /** "'Elevated declines for Amex' (investigating, minor) since 10:04Z". */
    public String summary() {
      return "'" + name + "' (" + status + ", " + impact + ") since " + SINCE.format(startedAt);
    }
  }

  /** The provider reports trouble: an incident is open, or a watched component is not up. */
  @JsonIgnore
  public boolean troubled() {
    return !incidents.isEmpty() || !degraded().isEmpty();
  }

  /** Watched components whose status is not {@code operational}. */
  @JsonIgnore
  public Map<String, String> degraded() {
    Map<String, String> out = new LinkedHashMap<>();
    components.forEach((name, status) -> {
      if (!OPERATIONAL.equals(status)) {
        out.put(name, status);
      }
    });
    return out;
  }

  /**
   * One line per thing the provider says, for every report: "provider status: 'Elevated
   * declines for Amex' (investigating, minor) since 10:04Z", "provider status: Card payments
   * partial_outage".
   */
  @JsonIgnore
  public List<String> findings() {
    List<String> lines = new ArrayList<>();
    incidents.forEach(i -> lines.add("provider status: " + i.summary()
        + (i.link().isEmpty() ? "" : " " + i.link())));
    degraded().forEach((name, status) -> lines.add("provider status: " + name + " " + status));
    return lines;
  }
}
