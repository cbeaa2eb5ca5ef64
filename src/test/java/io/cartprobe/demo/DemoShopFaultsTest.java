package io.cartprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoShopFaultsTest {

  private static final String CARD = "4242424242424242";

  private DemoShop demo;
  private DemoClient client;

  private void start(Fault... faults) throws IOException {
    demo = new DemoShop(0, Set.of(faults)).start();
    client = new DemoClient(demo);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  private JsonNode accountConfig(String key) {
    var reply = client.get("/gateway/v1/account/config", Map.of("Authorization", "Bearer " + key));
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  @Test
  void gatewayConfigFaultReplaysTheMay9Outage() throws IOException {
    start(Fault.GATEWAY_CONFIG);
    var cartId = client.createCart("production");

    var payment = client.pay("production", cartId, CARD);

    // What the on-call engineer saw: a database error from the shop...
    assertThat(payment.status()).isEqualTo(500);
    assertThat(payment.json().at("/error/type").asText()).isEqualTo("database_error");
    assertThat(payment.json().at("/error/message").asText()).contains("orders-db");
    // ...and what a probe's classify can read further down: the gateway refused the request.
    assertThat(payment.json().at("/upstream/status").asInt()).isEqualTo(400);
    assertThat(payment.json().at("/upstream/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(payment.json().at("/upstream/error/code").asText()).isEqualTo("signature_scheme_mismatch");
    assertThat(payment.json().at("/upstream/error/message").asText())
        .isEqualTo("Request signature scheme hmac-sha256 is not accepted for this account");
    // The gateway's health check stays green all along.
    assertThat(client.get("/gateway/health").status()).isEqualTo(200);
    // Its account config says what changed.
    var config = accountConfig("sk_live_demo_production");
    assertThat(config.path("charges_enabled").asBoolean()).isTrue();
    assertThat(config.path("request_signing").asText()).isEqualTo("rsa-pss-sha512");
    assertThat(config.path("api_version").asText()).isNotEqualTo("2024-04-10");
    assertThat(accountConfig("sk_test_demo_staging").path("request_signing").asText())
        .isEqualTo("rsa-pss-sha512");

    // The provider's hotfix: the same cart can be paid again.
    demo.disable(Fault.GATEWAY_CONFIG);
    assertThat(client.pay("production", cartId, CARD).status()).isEqualTo(200);
    assertThat(accountConfig("sk_live_demo_production").path("request_signing").asText())
        .isEqualTo("hmac-sha256");
  }

  @Test
  void amexDisabledDeclinesAmexOnlyAndTheAccountConfigSaysSo() throws IOException {
    start();
    assertThat(accountConfig("sk_live_demo_production").path("card_brands").toString())
        .isEqualTo("[\"visa\",\"mastercard\",\"amex\"]");
    demo.enable(Fault.AMEX_DISABLED);

    var amex = client.post("/production/api/carts/" + client.createCart("production") + "/payment",
        "{\"payment_method\":\"pm_card_amex\"}");
    assertThat(amex.status()).isEqualTo(402);
    assertThat(amex.json().at("/error/code").asText()).isEqualTo("card_brand_not_enabled");
    assertThat(amex.json().at("/error/message").asText()).contains("amex");
    for (String method : new String[] {"pm_card_visa", "pm_card_mastercard"}) {
      assertThat(client.post("/production/api/carts/" + client.createCart("production")
          + "/payment", "{\"payment_method\":\"" + method + "\"}").status()).as(method).isEqualTo(200);
    }
    assertThat(accountConfig("sk_live_demo_production").path("card_brands").toString())
        .isEqualTo("[\"visa\",\"mastercard\"]");
    assertThat(client.get("/gateway/health").status()).isEqualTo(200);

    demo.disable(Fault.AMEX_DISABLED);
    assertThat(client.post("/production/api/carts/" + client.createCart("production") + "/payment",
        "{\"payment_method\":\"pm_card_amex\"}").status()).isEqualTo(200);
    assertThat(client.post("/production/api/carts/" + client.createCart("production") + "/payment",
        "{\"payment_method\":\"pm_card_diners\"}").status()).isEqualTo(400);
  }

  @Test
  void faultsSwitchOnAndOffOverHttp() throws IOException {
    start();
    assertThat(client.get("/demo/faults").json().path("active")).isEmpty();

    var on = client.post("/demo/faults/gateway-config", "");
    assertThat(on.status()).isEqualTo(200);
    assertThat(on.json().path("active").toString()).isEqualTo("[\"gateway-config\"]");
    assertThat(demo.faults().active()).containsExactly(Fault.GATEWAY_CONFIG);
    assertThat(client.pay("staging", client.createCart("staging"), CARD).status()).isEqualTo(500);

    client.post("/demo/faults/cart-down", "");
    var listed = client.get("/demo/faults").json();
    assertThat(listed.path("active").toString()).isEqualTo("[\"gateway-config\",\"cart-down\"]");
    assertThat(listed.path("known")).hasSize(Fault.values().length);

    var off = client.delete("/demo/faults/gateway-config");
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().path("active").toString()).isEqualTo("[\"cart-down\"]");

    assertThat(client.delete("/demo/faults").json().path("active")).isEmpty();
    assertThat(client.pay("staging", client.createCart("staging"), CARD).status()).isEqualTo(200);
  }

  @Test
  void unknownFaultIs404WithTheKnownOnes() throws IOException {
    start();
    var reply = client.post("/demo/faults/database-on-fire", "");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("unknown_fault");
    assertThat(reply.body()).contains(Fault.ids());
    assertThat(client.delete("/demo/faults/nope").status()).isEqualTo(404);
    assertThatThrownBy(() -> demo.enable("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gateway-config");
  }

  @Test
  void faultsCanBeEnabledByName() throws IOException {
    start();
    demo.enable("slow-payments");
    demo.enable(" CART-DOWN ");
    assertThat(demo.faults().active()).containsExactly(Fault.SLOW_PAYMENTS, Fault.CART_DOWN);
    assertThat(demo.describe()).contains("Active now: slow-payments, cart-down.");
  }

  @Test
  void cartDownAnswers503OnCartCreation() throws IOException {
    start();
    var existing = client.createCart("staging");
    demo.enable(Fault.CART_DOWN);

    for (var env : List.of("staging", "production")) {
      var reply = client.post("/" + env + "/api/carts", "{\"sku\":\"DEMO-SKU-1\",\"quantity\":1}");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().at("/error/type").asText()).isEqualTo("service_unavailable");
    }
    assertThat(client.get("/staging/api/carts/" + existing).status()).isEqualTo(200);
  }

  @Test
  void slowPaymentsTakeAtLeastOneAndAHalfSeconds() throws IOException {
    start(Fault.SLOW_PAYMENTS);
    var cartId = client.createCart("staging");

    var payment = client.pay("staging", cartId, CARD);

    assertThat(payment.status()).isEqualTo(200);
    assertThat(payment.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(client.get("/gateway/health").elapsed()).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void flakyFailsEveryThirdRequestPerEnvironment() throws IOException {
    start(Fault.FLAKY);
    var staging = new ArrayList<Integer>();
    var production = new ArrayList<Integer>();
    for (int i = 0; i < 6; i++) {
      staging.add(client.get("/staging/api/carts/cart_nope").status());
      if (i < 3) {
        production.add(client.get("/production/api/health").status());
      }
    }
    assertThat(staging).containsExactly(404, 404, 502, 404, 404, 502);
    assertThat(production).containsExactly(200, 200, 502);
    assertThat(client.get("/gateway/health").status()).isEqualTo(200);

    // switching it on again restarts the count
    demo.disable(Fault.FLAKY);
    assertThat(client.get("/staging/api/health").status()).isEqualTo(200);
    demo.enable(Fault.FLAKY);
    var again = List.of(client.get("/staging/api/health").status(),
        client.get("/staging/api/health").status(), client.get("/staging/api/health").status());
    assertThat(again).containsExactly(200, 200, 502);
    assertThat(client.get("/staging/api/health").status()).isEqualTo(200);
  }

  @Test
  void flaky502IsJson() throws IOException {
    start(Fault.FLAKY);
    client.get("/staging/api/health");
    client.get("/staging/api/health");
    var reply = client.get("/staging/api/health");
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("bad_gateway");
  }
}
