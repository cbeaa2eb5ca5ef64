package io.cartprobe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cartprobe.testing.Results;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderStatusMetricsTest {

  private final AgentRegistry agent = AgentRegistry.create(Map.of("location", "eu"));
  private final ProviderStatusMetrics metrics = new ProviderStatusMetrics(agent.registry());

  @AfterEach
  void close() {
    agent.close();
  }

  private List<String> scrape() {
    return Arrays.asList(agent.registry().scrape().split("\n"));
  }

  private static String component(String component, String status, int value) {
    return "cartprobe_provider_component_status{component=\"" + component
        + "\",env=\"production\",location=\"eu\",probe=\"psp-status\",status=\"" + status + "\"} "
        + value + ".0";
  }

  @Test
  void eachWatchedComponentHasOneSeriesPerStatusWithItsCurrentOneAtOne() {
    Map<String, String> components = new LinkedHashMap<>();
    components.put("Card payments", "partial_outage");
    components.put("API", "operational");
    metrics.accept(Results.providerStatus("psp-status", "production", Results.T0, components,
        Optional.of("Elevated declines for Amex")));

    assertThat(scrape()).contains(
        component("Card payments", "partial_outage", 1),
        component("Card payments", "operational", 0),
        component("Card payments", "major_outage", 0),
        component("API", "operational", 1),
        component("API", "partial_outage", 0),
        "cartprobe_provider_incidents_open{env=\"production\",location=\"eu\",probe=\"psp-status\"} 1.0");
  }

  @Test
  void aComponentNoLongerOnThePageStopsBeingExportedAndTheIncidentCountFalls() {
    metrics.accept(Results.providerStatus("psp-status", "production", Results.T0,
        Map.of("Card payments", "partial_outage", "API", "operational"),
        Optional.of("Elevated declines for Amex")));
    metrics.accept(Results.providerStatus("psp-status", "production", Results.T0.plusSeconds(60),
        Map.of("Card payments", "operational"), Optional.empty()));

    assertThat(scrape()).contains(component("Card payments", "operational", 1),
        component("Card payments", "partial_outage", 0),
        "cartprobe_provider_incidents_open{env=\"production\",location=\"eu\",probe=\"psp-status\"} 0.0");
    assertThat(scrape()).noneMatch(l -> l.contains("component=\"API\""));
  }

  @Test
  void otherProbesExportNothingHere() {
    metrics.accept(Results.ok("checkout", "production", Results.T0));

    assertThat(scrape()).noneMatch(l -> l.startsWith("cartprobe_provider_"));
  }
}
