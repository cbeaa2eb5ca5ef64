package io.cartprobe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.alert.webhook.JsonEventFormat;
import io.cartprobe.alert.webhook.RenderContext;
import io.cartprobe.testing.ContractFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code json} webhook body is what cartprobe 0.1.0 sent (bodies a receiver recorded from a
 * real agent; see {@link ContractFiles}): read back as an event and rendered again, byte for byte.
 */
class JsonWebhookContractTest {

  static final String AGENT_URL = "http://127.0.0.1:19781/";

  @ParameterizedTest
  @ValueSource(strings = {"webhook-json-firing.json", "webhook-json-resolved.json",
      "webhook-json-config-changed.json"})
  void aRecordedBodyReadsBackAndRendersTheSame(String name) throws Exception {
    String sent = ContractFiles.text(name);
    JsonNode body = new ObjectMapper().readTree(sent);

    AlertEvent event = AlertEventJson.fromJson(body);

    assertThat(new JsonEventFormat().render(event,
        new RenderContext(body.path("receiver").asText(), AGENT_URL, Instant.EPOCH)))
        .isEqualTo(sent);
  }

  @Test
  void theRecordedFiringNamesTheStepAndTheCause() throws Exception {
    AlertEvent event = AlertEventJson.fromJson(
        new ObjectMapper().readTree(ContractFiles.text("webhook-json-firing.json")));
    assertThat(event.kind()).isEqualTo(EventKind.FIRING);
    assertThat(event.alert()).isEqualTo("checkout-failing");
    assertThat(event.failure().orElseThrow().step()).isEqualTo("authorize_payment");
    assertThat(event.probableCause().orElseThrow().probe()).isEqualTo("gateway-config");
    assertThat(event.traceId()).isPresent();
  }
}
