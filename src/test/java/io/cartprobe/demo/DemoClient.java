package io.cartprobe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against a started {@link DemoShop}, for the tests. */
final class DemoClient implements AutoCloseable {

  record Reply(int status, JsonNode json, String body, HttpHeaders headers, Duration elapsed) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final JsonMapper mapper = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  DemoClient(DemoShop demo) {
    this.baseUrl = demo.baseUrl();
  }

  Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  Reply get(String path, Map<String, String> headers) {
    return send("GET", path, null, headers);
  }

  Reply post(String path, String json) {
    return send("POST", path, json, Map.of());
  }

  Reply post(String path, String json, Map<String, String> headers) {
    return send("POST", path, json, headers);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /** Creates a cart in {@code env} and returns its id. */
  String createCart(String env) {
    var reply = post("/" + env + "/api/carts", "{\"sku\":\"DEMO-SKU-1\",\"quantity\":1}");
    if (reply.status() != 201) {
      throw new AssertionError("cart creation failed: " + reply);
    }
    return reply.json().path("id").asText();
  }

  Reply pay(String env, String cartId, String card) {
    return post("/" + env + "/api/carts/" + cartId + "/payment", "{\"card\":\"" + card + "\"}");
  }

  Reply send(String method, String path, String json, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    builder.method(method, json == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    long started = System.nanoTime();
    try {
      var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      var elapsed = Duration.ofNanos(System.nanoTime() - started);
      JsonNode node;
      try {
        node = mapper.readTree(response.body());
      } catch (IOException notJson) {
        node = null;
      }
      return new Reply(response.statusCode(), node, response.body(), response.headers(), elapsed);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
