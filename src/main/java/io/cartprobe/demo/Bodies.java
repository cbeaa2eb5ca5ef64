package io.cartprobe.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;
import io.cartprobe.result.json.Json;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON bodies the demo shop and gateway answer with, bound by the shared mapper (snake_case,
 * keys in declaration order). Requests and the gateway's answer, as the shop relays it, stay
 * trees: they are other parties' JSON, checked or passed along as they came.
 */
final class Bodies {

  private Bodies() {}

  /**
   * Writes one of each body once. Jackson learns a record's shape on its first use, which on a
   * cold, busy JVM takes long enough to show in the first probe's latency; a shop that has just
   * started should answer like a warm one, as probes.yaml's budgets assume.
   */
  static void warmUp() {
    BigDecimal one = BigDecimal.ONE;
    List.of(error("t", "c", "m").withOrderId("o").withKnown(List.of("k")), new Status("ok"),
        new ShopHealth("ok", "e"), new CartBody("c", "USD", one, "open",
            List.of(new Shop.Item("s", "n", 1, one)), "o"),
        new OrderBody("o", "s", "c", "p", one, "USD"), new Authorized("s", "o", "p", one, "USD"),
        new Upstream("s", 1), new AccountConfig(true, "v", "m", new Merchant("i", "n", List.of()),
            "w", "r", List.of()), new PaymentRequest(1, "USD", "c"), new Payment("p", "s", 1, "USD", true),
        new Faults(List.of(), List.of(new KnownFault("n", "d", true))))
        .forEach(Json::write);
  }

  /** {@code {"error": {"type", "code"?, "message"?}, ...}}: the shop's and the gateway's errors. */
  record ErrorBody(
      Detail error,
      @JsonInclude(Include.NON_NULL) String orderId,
      @JsonInclude(Include.NON_EMPTY) List<String> known,
      @JsonInclude(Include.NON_NULL) JsonNode upstream) {

    ErrorBody withOrderId(String id) {
      return new ErrorBody(error, id, known, upstream);
    }

    ErrorBody withKnown(List<String> names) {
      return new ErrorBody(error, orderId, names, upstream);
    }

    ErrorBody withUpstream(JsonNode answer) {
      return new ErrorBody(error, orderId, known, answer);
    }
  }

  record Detail(String type, @JsonInclude(Include.NON_NULL) String code,
      @JsonInclude(Include.NON_NULL) String message) {}

  static ErrorBody error(String type, String message) {
    return error(type, null, message);
  }

  static ErrorBody error(String type, String code, String message) {
    return new ErrorBody(new Detail(type, code, message), null, List.of(), null);
  }

  record Status(String status) {}

  record ShopHealth(String status, String environment) {}

  record CartBody(String id, String currency, BigDecimal total, String status,
      List<Shop.Item> items, @JsonInclude(Include.NON_NULL) String orderId) {}

  record OrderBody(String id, String status, String cartId, String paymentId, BigDecimal amount,
      String currency) {}

  record Authorized(String status, String orderId, String paymentId, BigDecimal amount,
      String currency) {}

  /** The head of a relayed gateway answer; the answer's own fields follow it. */
  record Upstream(String service, @JsonInclude(Include.NON_NULL) Integer status) {}

  record AccountConfig(boolean chargesEnabled, String apiVersion, String mode, Merchant merchant,
      String webhookUrl, String requestSigning, List<String> cardBrands) {}

  record Merchant(String id, String name, List<String> currencies) {}

  record PaymentRequest(long amount, String currency, String card) {}

  record Payment(String id, String status, long amount, String currency, boolean livemode) {}

  record Faults(List<String> active, List<KnownFault> known) {}

  record KnownFault(String name, String description, boolean active) {}
}
