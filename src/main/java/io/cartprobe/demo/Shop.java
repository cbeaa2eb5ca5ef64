package io.cartprobe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cartprobe.result.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One environment of the demo shop, under {@code /<env>/api}: carts, payment through the gateway,
 * orders. Its state is its own and in memory. Like the shop of the May 9 postmortem, it reports
 * a payment the gateway rejected as a failed database transaction; the gateway's answer is in
 * the body's {@code upstream} field for whoever reads that far.
 */
final class Shop {

  static final String CURRENCY = "USD";
  /** Test payment methods, as payment providers name their test cards: one per card brand. */
  static final Map<String, String> TEST_PAYMENT_METHODS = java.util.Collections.unmodifiableSortedMap(
      new java.util.TreeMap<>(Map.of(
          "pm_card_visa", "4242424242424242",
          "pm_card_mastercard", "5555555555554444",
          "pm_card_amex", "378282246310005")));
  static final String DB_ERROR_MESSAGE =
      "could not commit order transaction: connection to orders-db reset";

  record Product(String name, BigDecimal price) {}

  static final Map<String, Product> CATALOG = Map.of(
      "DEMO-SKU-1", new Product("Demo T-shirt", new BigDecimal("19.99")),
      "DEMO-SKU-2", new Product("Demo mug", new BigDecimal("9.50")),
      "DEMO-SKU-3", new Product("Demo hoodie", new BigDecimal("49.00")));

  enum CartStatus { OPEN, PAYING, PAID }

  record Item(String sku, String name, int quantity, BigDecimal unitPrice) {
    BigDecimal total() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  record Cart(String id, List<Item> items, CartStatus status, String orderId) {
    Cart {
      items = List.copyOf(items);
    }

    BigDecimal total() {
      return items.stream().map(Item::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    Cart with(CartStatus newStatus, String newOrderId) {
      return new Cart(id, items, newStatus, newOrderId);
    }
  }

  record Order(String id, String cartId, String paymentId, BigDecimal amount, String status) {
    Order voided() {
      return new Order(id, cartId, paymentId, amount, "voided");
    }
  }

  /** What an {@code Idempotency-Key} was first used for. */
  private record IdempotentCreate(JsonNode request, String cartId) {}

  private final DemoEnvironment environment;
  private final Faults faults;
  private final GatewayClient gateway;
  private final ConcurrentMap<String, Cart> carts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Order> orders = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, IdempotentCreate> idempotency = new ConcurrentHashMap<>();

  Shop(DemoEnvironment environment, Faults faults, GatewayClient gateway) {
    this.environment = environment;
    this.faults = faults;
    this.gateway = gateway;
  }

  void register(Router router) {
    var api = "/" + environment.name() + "/api";
    router.add("GET", api + "/health", guarded(this::health))
        .add("POST", api + "/carts", guarded(this::createCart))
        .add("GET", api + "/carts/{id}", guarded(this::getCart))
        .add("POST", api + "/carts/{id}/payment", guarded(this::pay))
        .add("GET", api + "/orders/{id}", guarded(this::getOrder))
        .add("POST", api + "/orders/{id}/void", guarded(this::voidOrder));
  }

  /** {@link Fault#FLAKY}: the shop's load balancer drops every third request. */
  private Router.Handler guarded(Router.Handler handler) {
    return request -> faults.flakyStrikes(environment.name())
        ? Response.json(502, Bodies.error("bad_gateway",
            "upstream connect error or disconnect/reset before headers"))
        : handler.handle(request);
  }

  private Response health(Request request) {
    return Response.json(200, new Bodies.ShopHealth("ok", environment.name()));
  }

  private Response createCart(Request request) {
    if (faults.isActive(Fault.CART_DOWN)) {
      return Response.json(503, Bodies.error("service_unavailable", "cart-service: no healthy upstream"));
    }
    var body = request.json();
    var item = item(body);
    var key = request.header("Idempotency-Key");
    if (key.isEmpty()) {
      return created(openCart(item));
    }
    var fresh = new boolean[1];
    var entry = idempotency.computeIfAbsent(key.get(), k -> {
      fresh[0] = true;
      return new IdempotentCreate(body, openCart(item).id());
    });
    if (!entry.request().equals(body)) {
      throw new ApiError(422, Bodies.error("idempotency_error",
          "Idempotency-Key " + key.get() + " was already used with a different request body"));
    }
    var response = created(carts.get(entry.cartId()));
    return fresh[0] ? response : response.withHeader("Idempotent-Replayed", "true");
  }

  /** 201 with the cart, where it lives, and a session cookie as a storefront would set. */
  private Response created(Cart cart) {
    return Response.json(201, cartJson(cart))
        .withHeader("Location", "/" + environment.name() + "/api/carts/" + cart.id())
        .withHeader("Set-Cookie", "cart_session=" + newId("sess_") + "; Path=/; HttpOnly; SameSite=Lax");
  }

  private Response getCart(Request request) {
    return Response.json(200, cartJson(cart(request.param("id"))));
  }

  private Response pay(Request request) throws InterruptedException {
    var card = card(request.json());
    var cart = cart(request.param("id"));
    if (cart.status() != CartStatus.OPEN || !carts.replace(cart.id(), cart, cart.with(CartStatus.PAYING, null))) {
      var current = cart(cart.id());
      var conflict = Bodies.error(current.status() == CartStatus.PAID ? "cart_already_paid" : "payment_in_progress",
          "cart " + cart.id() + " is " + current.status().name().toLowerCase());
      return Response.json(409, conflict.withOrderId(current.orderId()));
    }
    var amount = cart.total();
    GatewayClient.Answer answer;
    try {
      answer = gateway.authorize(environment.gatewayKey(), amount.movePointRight(2).longValueExact(),
          CURRENCY, card);
    } catch (IOException e) {
      carts.put(cart.id(), cart);
      return databaseError(Json.tree(Bodies.error("api_connection_error", e.toString())), -1);
    }
    if (answer.status() == 200 && "authorized".equals(answer.body().path("status").asText())) {
      var order = new Order(newId("ord_"), cart.id(), answer.body().path("id").asText(), amount, "authorized");
      orders.put(order.id(), order);
      carts.put(cart.id(), cart.with(CartStatus.PAID, order.id()));
      return Response.json(200, new Bodies.Authorized("authorized", order.id(),
          order.paymentId(), amount, CURRENCY));
    }
    carts.put(cart.id(), cart);
    if (answer.status() == 402) {
      var error = answer.body().path("error");
      return Response.json(402, Bodies.error("card_error", error.path("code").asText("card_declined"),
          error.path("message").asText("Your card was declined.")));
    }
    return databaseError(answer.body(), answer.status());
  }

  /** A card number, or a saved test payment method ({@code pm_card_amex}) standing for one. */
  private static String card(JsonNode payment) {
    var card = payment.path("card");
    if (card.isTextual() && !card.asText().isBlank()) {
      return card.asText();
    }
    var method = payment.path("payment_method").asText("");
    if (method.isBlank()) {
      throw ApiError.badRequest("invalid_request", "card or payment_method is required");
    }
    String number = TEST_PAYMENT_METHODS.get(method);
    if (number == null) {
      throw ApiError.badRequest("invalid_request", "unknown payment_method '" + method
          + "' (known: " + String.join(", ", TEST_PAYMENT_METHODS.keySet()) + ")");
    }
    return number;
  }

  /**
   * The shop's bug, faithfully kept: whatever went wrong with the gateway, the order transaction
   * is rolled back and that is what gets reported. The gateway's own answer rides along.
   */
  private static Response databaseError(JsonNode gatewayAnswer, int gatewayStatus) {
    var upstream = (ObjectNode) Json.tree(new Bodies.Upstream("payment-gateway",
        gatewayStatus > 0 ? gatewayStatus : null));
    if (gatewayAnswer instanceof ObjectNode object) {
      upstream.setAll(object);
    } else {
      upstream.set("body", gatewayAnswer);
    }
    return Response.json(500, Bodies.error("database_error", DB_ERROR_MESSAGE)
        .withUpstream(upstream));
  }

  private Response getOrder(Request request) {
    var order = order(request.param("id"));
    return Response.json(200, orderJson(order)).withHeader("ETag", etag(order));
  }

  /** Voids an order; with {@code If-Match}, only the version the caller saw (412 otherwise). */
  private Response voidOrder(Request request) {
    var id = request.param("id");
    var expected = request.header("If-Match");
    var stale = new boolean[1];
    var result = Optional.ofNullable(orders.computeIfPresent(id, (k, order) -> {
      if (expected.isPresent() && !expected.get().equals("*") && !expected.get().equals(etag(order))) {
        stale[0] = true;
        return order;
      }
      return order.voided();
    })).orElseThrow(() -> ApiError.notFound("not_found", "no order " + id));
    if (stale[0]) {
      return Response.json(412, Bodies.error("precondition_failed",
          "order " + id + " changed since " + expected.get())).withHeader("ETag", etag(result));
    }
    return Response.json(200, orderJson(result)).withHeader("ETag", etag(result));
  }

  private static String etag(Order order) {
    return "\"" + order.id().substring(order.id().indexOf('_') + 1) + "-" + order.status() + "\"";
  }

  private Cart openCart(Item item) {
    var cart = new Cart(newId("cart_"), List.of(item), CartStatus.OPEN, null);
    carts.put(cart.id(), cart);
    return cart;
  }

  private Cart cart(String id) {
    return Optional.ofNullable(carts.get(id))
        .orElseThrow(() -> ApiError.notFound("not_found", "no cart " + id));
  }

  private Order order(String id) {
    return Optional.ofNullable(orders.get(id))
        .orElseThrow(() -> ApiError.notFound("not_found", "no order " + id));
  }

  private static Item item(ObjectNode body) {
    var sku = body.path("sku").asText("");
    var product = CATALOG.get(sku);
    if (product == null) {
      throw ApiError.badRequest("invalid_request",
          "unknown sku '" + sku + "'; known: " + String.join(", ", CATALOG.keySet().stream().sorted().toList()));
    }
    var quantity = body.path("quantity");
    if (!quantity.isIntegralNumber() || quantity.asInt() < 1 || quantity.asInt() > 99) {
      throw ApiError.badRequest("invalid_request", "quantity must be an integer from 1 to 99");
    }
    return new Item(sku, product.name(), quantity.asInt(), product.price());
  }

  private static Bodies.CartBody cartJson(Cart cart) {
    return new Bodies.CartBody(cart.id(), CURRENCY, cart.total(),
        cart.status().name().toLowerCase(Locale.ROOT), cart.items(), cart.orderId());
  }

  private static Bodies.OrderBody orderJson(Order order) {
    return new Bodies.OrderBody(order.id(), order.status(), order.cartId(), order.paymentId(),
        order.amount(), CURRENCY);
  }

  private static String newId(String prefix) {
    return Ids.next(prefix);
  }
}
