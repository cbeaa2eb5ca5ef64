package io.cartprobe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The shop's side of the payment gateway: a real HTTP call, signed, with the environment's key. */
final class GatewayClient {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** What the gateway answered. */
  record Answer(int status, JsonNode body) {}

  private final HttpClient http;
  private final URI paymentsUrl;

  GatewayClient(HttpClient http, URI paymentsUrl) {
    this.http = http;
    this.paymentsUrl = paymentsUrl;
  }

  Answer authorize(String apiKey, long amountMinor, String currency, String card)
      throws IOException, InterruptedException {
    var payload = Json.write(new Bodies.PaymentRequest(amountMinor, currency, card))
        .getBytes(StandardCharsets.UTF_8);
    var request = HttpRequest.newBuilder(paymentsUrl)
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .header(Signatures.HEADER, Signatures.sign(apiKey, payload))
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
        .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), lenient(response.body()));
  }

  /** The gateway's answer as a tree, to relay as it came; one that is not JSON as a string. */
  private static JsonNode lenient(byte[] body) {
    try {
      var node = Json.parse(body);
      return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    } catch (IOException e) {
      return JsonNodeFactory.instance.textNode(new String(body, StandardCharsets.UTF_8));
    }
  }
}
