package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoShopCheckoutTest {

  private DemoShop demo;
  private DemoClient client;

  @BeforeEach
  void start() throws IOException {
    demo = new DemoShop(0).start();
    client = new DemoClient(demo);
  }

  @AfterEach
  void stop() {
    client.close();
    demo.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "production"})
  void fullCheckoutSucceedsInEachEnvironment(String env) {
    var created = client.post("/" + env + "/api/carts", "{\"sku\":\"DEMO-SKU-1\",\"quantity\":2}",
        Map.of("Idempotency-Key", "k-" + env));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Content-Type")).startsWith("application/json");
    assertThat(created.json().path("id").asText()).startsWith("cart_");
    assertThat(created.json().path("currency").asText()).isEqualTo("USD");
    assertThat(created.json().path("total").decimalValue()).isEqualByComparingTo("39.98");
    assertThat(created.json().path("items").get(0).path("sku").asText()).isEqualTo("DEMO-SKU-1");
    var cartId = created.json().path("id").asText();
    assertThat(created.header("Location")).isEqualTo("/" + env + "/api/carts/" + cartId);
    assertThat(created.header("Set-Cookie")).startsWith("cart_session=sess_");

    var cart = client.get("/" + env + "/api/carts/" + cartId);
    assertThat(cart.status()).isEqualTo(200);
    assertThat(cart.body()).contains("DEMO-SKU-1").contains("\"status\":\"open\"");

    var payment = client.pay(env, cartId, "4242424242424242");
    assertThat(payment.status()).isEqualTo(200);
    assertThat(payment.json().path("status").asText()).isEqualTo("authorized");
    assertThat(payment.json().path("payment_id").asText()).startsWith("pay_");
    assertThat(payment.json().path("amount").decimalValue()).isEqualByComparingTo("39.98");
    var orderId = payment.json().path("order_id").asText();
    assertThat(orderId).startsWith("ord_");

    var order = client.get("/" + env + "/api/orders/" + orderId);
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.json().path("id").asText()).isEqualTo(orderId);
    assertThat(order.json().path("status").asText()).isEqualTo("authorized");

    var etag = order.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("-authorized\"");

    var stale = client.post("/" + env + "/api/orders/" + orderId + "/void", "",
        Map.of("If-Match", "\"0-voided\""));
    assertThat(stale.status()).isEqualTo(412);
    var voided = client.post("/" + env + "/api/orders/" + orderId + "/void", "",
        Map.of("If-Match", etag));
    assertThat(voided.status()).isEqualTo(200);
    assertThat(voided.json().path("status").asText()).isEqualTo("voided");
    assertThat(client.get("/" + env + "/api/orders/" + orderId).json().path("status").asText())
        .isEqualTo("voided");
    assertThat(client.get("/" + env + "/api/carts/" + cartId).json().path("order_id").asText())
        .isEqualTo(orderId);
  }

  @Test
  void environmentsKeepTheirOwnState() {
    var cartId = client.createCart("staging");
    assertThat(client.get("/staging/api/carts/" + cartId).status()).isEqualTo(200);
    assertThat(client.get("/production/api/carts/" + cartId).status()).isEqualTo(404);
  }

  @Test
  void sameIdempotencyKeyGivesTheSameCart() {
    var body = "{\"sku\":\"DEMO-SKU-2\",\"quantity\":1}";
    var first = client.post("/staging/api/carts", body, Map.of("Idempotency-Key", "abc-123"));
    var again = client.post("/staging/api/carts", body, Map.of("Idempotency-Key", "abc-123"));
    var other = client.post("/staging/api/carts", body, Map.of("Idempotency-Key", "def-456"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(other.json().path("id")).isNotEqualTo(first.json().path("id"));

    var reused = client.post("/staging/api/carts", "{\"sku\":\"DEMO-SKU-3\",\"quantity\":1}",
        Map.of("Idempotency-Key", "abc-123"));
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().at("/error/type").asText()).isEqualTo("idempotency_error");
  }

  @Test
  void unknownCartsAndOrdersAre404Json() {
    var cart = client.get("/staging/api/carts/cart_nope");
    assertThat(cart.status()).isEqualTo(404);
    assertThat(cart.json().at("/error/type").asText()).isEqualTo("not_found");
    assertThat(client.pay("staging", "cart_nope", "4242424242424242").status()).isEqualTo(404);
    assertThat(client.get("/production/api/orders/ord_nope").status()).isEqualTo(404);
    assertThat(client.post("/production/api/orders/ord_nope/void", "").status()).isEqualTo(404);
  }

  @Test
  void badRequestsAre400() {
    var badJson = client.post("/staging/api/carts", "{\"sku\": ");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().at("/error/type").asText()).isEqualTo("invalid_json");
    assertThat(client.post("/staging/api/carts", "[1]").status()).isEqualTo(400);
    assertThat(client.post("/staging/api/carts", "{\"sku\":\"NOPE\",\"quantity\":1}").status()).isEqualTo(400);
    assertThat(client.post("/staging/api/carts", "{\"sku\":\"DEMO-SKU-1\",\"quantity\":0}").status()).isEqualTo(400);
    var cartId = client.createCart("staging");
    assertThat(client.post("/staging/api/carts/" + cartId + "/payment", "{}").status()).isEqualTo(400);
  }

  @Test
  void declinedCardIs402AndTheCartCanBePaidAfterwards() {
    var cartId = client.createCart("production");
    var declined = client.pay("production", cartId, PaymentGateway.DECLINED_CARD);
    assertThat(declined.status()).isEqualTo(402);
    assertThat(declined.json().at("/error/code").asText()).isEqualTo("card_declined");
    assertThat(client.pay("production", cartId, "4242424242424242").status()).isEqualTo(200);
  }

  @Test
  void aPaidCartCannotBePaidAgain() {
    var cartId = client.createCart("staging");
    var orderId = client.pay("staging", cartId, "4242424242424242").json().path("order_id").asText();
    var again = client.pay("staging", cartId, "4242424242424242");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("order_id").asText()).isEqualTo(orderId);
  }

  @Test
  void gatewayHealthIsOk() {
    var health = client.get("/gateway/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
  }

  @Test
  void accountConfigNeedsAKey() {
    var none = client.get("/gateway/v1/account/config");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().at("/error/type").asText()).isEqualTo("authentication_error");
    var wrong = client.get("/gateway/v1/account/config", Map.of("Authorization", "Bearer sk_live_wrong"));
    assertThat(wrong.status()).isEqualTo(401);
    var payment = client.post("/gateway/v1/payments", "{\"amount\":100,\"currency\":\"USD\",\"card\":\"4242424242424242\"}");
    assertThat(payment.status()).isEqualTo(401);
  }

  @Test
  void accountConfigDependsOnTheKey() {
    var staging = client.get("/gateway/v1/account/config",
        Map.of("Authorization", "Bearer sk_test_demo_staging")).json();
    var production = client.get("/gateway/v1/account/config",
        Map.of("Authorization", "Bearer sk_live_demo_production")).json();

    assertThat(staging.path("mode").asText()).isEqualTo("test");
    assertThat(production.path("mode").asText()).isEqualTo("live");
    assertThat(production.path("charges_enabled").asBoolean()).isTrue();
    assertThat(production.path("api_version").asText()).isEqualTo("2024-04-10");
    assertThat(production.path("request_signing").asText()).isEqualTo("hmac-sha256");
    assertThat(production.at("/merchant/id").asText()).isEqualTo("acct_demo_production");
    assertThat(production.at("/merchant/currencies").toString()).isEqualTo("[\"USD\",\"EUR\"]");
    assertThat(production.path("webhook_url").asText()).endsWith("/hooks/payments");
  }

  @Test
  void unsignedPaymentsAreRejectedByTheGateway() {
    var reply = client.post("/gateway/v1/payments",
        "{\"amount\":100,\"currency\":\"USD\",\"card\":\"4242424242424242\"}",
        Map.of("Authorization", "Bearer sk_test_demo_staging"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("signature_missing");
    var forged = client.post("/gateway/v1/payments",
        "{\"amount\":100,\"currency\":\"USD\",\"card\":\"4242424242424242\"}",
        Map.of("Authorization", "Bearer sk_test_demo_staging",
            Signatures.HEADER, "scheme=hmac-sha256,v1=00ff"));
    assertThat(forged.json().at("/error/code").asText()).isEqualTo("signature_invalid");
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405() {
    assertThat(client.get("/nowhere").status()).isEqualTo(404);
    assertThat(client.get("/qa/api/carts/x").status()).isEqualTo(404);
    var wrongMethod = client.delete("/staging/api/carts");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
  }

  @Test
  void describesItself() {
    assertThat(demo.describe())
        .contains(demo.baseUrl() + "/staging", "/production", "/gateway", "/demo/faults",
            "/demo/notifications")
        .contains(Fault.ids());
    // for people: a few short lines, not one paragraph
    assertThat(demo.describe().lines()).hasSizeBetween(5, 20)
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
    assertThat(client.get("/").body()).contains("cartprobe demo");
    assertThat(demo.environmentUrl("production")).isEqualTo(demo.baseUrl() + "/production");
    assertThat(demo.port()).isPositive();
  }

  @Test
  void lifecycle() {
    assertThatThrownBy(() -> new DemoShop(0).port()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> demo.start()).isInstanceOf(IllegalStateException.class);
    demo.close();
    demo.close();
  }
}
