package io.cartprobe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.alert.webhook.AlertmanagerFormat;
import io.cartprobe.alert.webhook.JsonEventFormat;
import io.cartprobe.alert.webhook.PendingDelivery;
import io.cartprobe.alert.webhook.RenderContext;
import io.cartprobe.result.json.Json;
import io.cartprobe.state.StateFile;
import io.cartprobe.testing.ContractFiles;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhook bodies are what cartprobe 0.1.0 sent (see {@link ContractFiles}): the {@code json}
 * bodies a receiver recorded, read back as events and rendered again, and the Alertmanager
 * bodies still queued in the state file, rendered again from the events the file keeps.
 */
class WebhookContractTest {

  static final String AGENT_URL = "http://127.0.0.1:19781/";

  @ParameterizedTest
  @ValueSource(strings = {"webhook-json-firing.json", "webhook-json-resolved.json",
      "webhook-json-config-changed.json"})
  void aRecordedBodyReadsBackAndRendersTheSame(String name) throws Exception {
    String sent = ContractFiles.text(name);
    JsonNode body = Json.parse(sent);

    AlertEvent event = Json.read(body, AlertEvent.class);

    String rendered = new JsonEventFormat().render(event,
        new RenderContext(body.path("receiver").asText(), AGENT_URL, Instant.EPOCH));
    // The description is worded from the event: since 0.1.0 it names the cause's confidence.
    assertThat(ContractFiles.withoutDescriptions(ContractFiles.withoutAdditions(rendered)))
        .isEqualTo(ContractFiles.withoutDescriptions(sent));
  }

  @Test
  void theRecordedFiringNamesTheStepAndTheCause() throws Exception {
    AlertEvent event = Json.read(Json.parse(ContractFiles.text("webhook-json-firing.json")),
        AlertEvent.class);
    assertThat(event.kind()).isEqualTo(EventKind.FIRING);
    assertThat(event.alert()).isEqualTo("checkout-failing");
    assertThat(event.failure().orElseThrow().step()).isEqualTo("authorize_payment");
    assertThat(event.probableCause().orElseThrow().probe()).isEqualTo("gateway-config");
    assertThat(event.traceId()).isPresent();
  }

  @Test
  void theAlertmanagerBodiesQueuedInTheStateFileRenderTheSameFromTheirEvents(@TempDir Path dir)
      throws Exception {
    AlertState state = AlertStateJson.fromJson(new StateFile(ContractFiles.copy("state.json", dir))
        .read(AlertStateJson.SECTION).orElseThrow());
    int rendered = 0;
    for (InstanceSnapshot instance : state.instances()) {
      AlertEvent last = instance.lastEvent().orElseThrow();
      if (!last.webhooks().contains("offline")) {
        continue;
      }
      PendingDelivery queued = state.pending().stream()
          .filter(p -> p.dedupKey().equals(instance.key().toString()))
          .reduce((first, second) -> second).orElseThrow();
      assertThat(ContractFiles.withoutDescriptions(ContractFiles.withoutAdditions(
          new AlertmanagerFormat().render(last, new RenderContext("offline", AGENT_URL, Instant.EPOCH)))))
          .isEqualTo(ContractFiles.withoutDescriptions(queued.body()));
      rendered++;
    }
    assertThat(rendered).as("checkout-failing and gateway-config-failing").isEqualTo(2);
  }
}
