package io.cartprobe.probe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.ProviderStatus.ProviderIncident;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Atlassian Statuspage v2 {@code /api/v2/summary.json}, the page summary that Stripe, Adyen,
 * Braintree, PayPal and most providers publish: {@code page}, {@code components} (each with its
 * {@code status}) and the unresolved {@code incidents} (with {@code impact}, {@code shortlink},
 * {@code started_at}, the {@code components} they affect and their {@code incident_updates}).
 * Only the fields cartprobe uses are read; providers add others.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StatusPageSummary(Page page, List<Component> components, List<Incident> incidents) {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  /** Statuspage's own list; an incident in any other state is still open. */
  private static final Set<String> CLOSED = Set.of("resolved", "postmortem", "completed");

  StatusPageSummary {
    components = components == null ? List.of() : components;
    incidents = incidents == null ? List.of() : incidents;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page(String url) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Component(String id, String name, String status, Boolean group) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Incident(String name, String status, String impact, String shortlink,
      @JsonProperty("started_at") String startedAt, @JsonProperty("created_at") String createdAt,
      List<Component> components,
      @JsonProperty("incident_updates") List<Update> updates) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Update(String status, String body, @JsonProperty("created_at") String createdAt,
      @JsonProperty("affected_components") List<Affected> affected) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Affected(String code, String name) {}

  /** The summary in {@code json}, or why it is not one (the probe fails with reason body). */
  static Parsed parse(String json) {
    StatusPageSummary summary;
    try {
      summary = MAPPER.readValue(json, StatusPageSummary.class);
    } catch (JsonProcessingException e) {
      return new Parsed.NotASummary("the answer is not a Statuspage summary: "
          + e.getOriginalMessage());
    }
    if (summary == null || summary.page == null && summary.components.isEmpty()) {
      return new Parsed.NotASummary("the answer is not a Statuspage summary: no page and no "
          + "components (expected /api/v2/summary.json)");
    }
    return new Parsed.Summary(summary);
  }

  sealed interface Parsed {
    record Summary(StatusPageSummary summary) implements Parsed {}

    record NotASummary(String why) implements Parsed {}
  }

  /**
   * What the page says about {@code watched} components (empty: all): their statuses, and the
   * unresolved incidents that touch them. With no filter every open incident counts; with one,
   * an incident counts when it names a watched component (in its {@code components} or in an
   * update's {@code affected_components}). Component groups are left out: their members count.
   */
  ProviderStatus reading(String probe, String environment, List<String> watched) {
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Component c : components) {
      if (c.name() != null && !Boolean.TRUE.equals(c.group())
          && (watched.isEmpty() || watched.contains(c.name()))) {
        statuses.put(c.name(), c.status() == null ? "unknown" : c.status());
      }
    }
    List<ProviderIncident> open = new ArrayList<>();
    for (Incident i : incidents) {
      if (i.status() != null && CLOSED.contains(i.status())) {
        continue;
      }
      Set<String> touched = touched(i);
      if (!watched.isEmpty() && touched.stream().noneMatch(watched::contains)) {
        continue;
      }
      open.add(new ProviderIncident(orUnnamed(i.name()), orDefault(i.status(), "investigating"),
          orDefault(i.impact(), "none"), start(i), i.shortlink(), List.copyOf(touched),
          latestUpdate(i)));
    }
    open.sort(Comparator.comparing(ProviderIncident::startedAt).reversed());
    return new ProviderStatus(probe, environment, page == null ? "" : page.url(), statuses, open);
  }

  private static Set<String> touched(Incident i) {
    Set<String> names = new LinkedHashSet<>();
    Optional.ofNullable(i.components()).orElse(List.of()).stream()
        .map(Component::name).filter(n -> n != null).forEach(names::add);
    for (Update u : Optional.ofNullable(i.updates()).orElse(List.of())) {
      Optional.ofNullable(u.affected()).orElse(List.of()).stream()
          .map(Affected::name).filter(n -> n != null).forEach(names::add);
    }
    return names;
  }

  /** {@code started_at} when the provider set it (it may be back-dated), else creation. */
  private static Instant start(Incident i) {
    return instant(i.startedAt()).or(() -> instant(i.createdAt())).orElse(Instant.EPOCH);
  }

  private static String latestUpdate(Incident i) {
    return Optional.ofNullable(i.updates()).orElse(List.of()).stream()
        .max(Comparator.comparing(u -> instant(u.createdAt()).orElse(Instant.EPOCH)))
        .map(Update::body).orElse("");
  }

  private static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String orUnnamed(String name) {
    return name == null || name.isBlank() ? "(unnamed incident)" : name;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
