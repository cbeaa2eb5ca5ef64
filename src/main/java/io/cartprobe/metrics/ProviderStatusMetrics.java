package io.cartprobe.metrics;

import io.cartprobe.config.ProbeType;
import io.cartprobe.result.ProbeResult;
import io.cartprobe.result.ProviderStatus;
import io.cartprobe.result.ResultSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * What each provider-status probe last read on its status page: one series per watched
 * component and Statuspage status, 1 for the component's current status and 0 for the others
 * (an enum gauge, so {@code == 1} selects and a rule can say {@code status!="operational"}), and
 * the number of open incidents touching the watched components. A run that could not read the
 * page changes neither: the last reading stands.
 */
public final class ProviderStatusMetrics implements ResultSink {

  static final String COMPONENT = "cartprobe.provider.component.status";
  static final String INCIDENTS = "cartprobe.provider.incidents.open";
  /** Statuspage's component statuses; a status outside them gets a series of its own. */
  static final List<String> STATUSES = List.of("operational", "degraded_performance",
      "partial_outage", "major_outage", "under_maintenance");

  private final SettableGauges components;
  private final SettableGauges incidents;

  public ProviderStatusMetrics(MeterRegistry registry) {
    components = new SettableGauges(registry, COMPONENT,
        "1 for the status a provider's status page shows for a watched component, 0 for the others",
        null);
    incidents = new SettableGauges(registry, INCIDENTS,
        "Unresolved incidents on a provider's status page touching the watched components", null);
  }

  @Override
  public void accept(ProbeResult result) {
    if (result.probeType() != ProbeType.PROVIDER_STATUS || result.providerStatus().isEmpty()) {
      return;
    }
    ProviderStatus reading = result.providerStatus().getFirst();
    Tags pair = Tags.of("env", result.environment(), "probe", result.probe());
    // A component no longer on the page (or no longer watched) stops being exported.
    components.removeIf(t -> sameTags(t, pair)
        && !reading.components().containsKey(t.stream()
            .filter(tag -> tag.getKey().equals("component")).findFirst().orElseThrow().getValue()));
    reading.components().forEach((component, status) -> {
      for (String known : STATUSES) {
        components.set(pair.and("component", component, "status", known), known.equals(status) ? 1 : 0);
      }
      if (!STATUSES.contains(status)) {
        components.set(pair.and("component", component, "status", status), 1);
      }
    });
    incidents.set(pair, reading.incidents().size());
  }

  private static boolean sameTags(Tags tags, Tags pair) {
    return pair.stream().allMatch(p -> tags.stream().anyMatch(p::equals));
  }
}
