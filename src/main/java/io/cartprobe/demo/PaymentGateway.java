package io.cartprobe.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's payment gateway, under {@code /gateway}: a health endpoint that is always green,
 * the merchant account's configuration, and payment authorization. With
 * {@link Fault#GATEWAY_CONFIG} the provider's account configuration changes and every payment
 * signed the old way is rejected — while {@code /health} still says ok.
 */
final class PaymentGateway {

  static final String API_VERSION = "2024-04-10";
  static final String CHANGED_API_VERSION = "2024-05-09";
  static final String CHANGED_SIGNING = "rsa-pss-sha512";
  static final List<String> CURRENCIES = List.of("USD", "EUR");
  static final String DECLINED_CARD = "4000000000000002";
  static final List<String> CARD_BRANDS = List.of("visa", "mastercard", "amex");
  static final Duration SLOW_PAYMENT = Duration.ofMillis(1500);

  private final Faults faults;
  private final Map<String, DemoEnvironment> accountsByKey;

  PaymentGateway(Faults faults, List<DemoEnvironment> environments) {
    this.faults = faults;
    this.accountsByKey = environments.stream()
        .collect(Collectors.toUnmodifiableMap(DemoEnvironment::gatewayKey, Function.identity()));
  }

  void register(Router router) {
    router.add("GET", "/gateway/health", this::health)
        .add("GET", "/gateway/v1/account/config", this::accountConfig)
        .add("POST", "/gateway/v1/payments", this::authorize);
  }

  /** Always 200: it only says the process is up. That is the point of the demo. */
  private Response health(Request request) {
    return Response.json(200, new Bodies.Status("ok"));
  }

  private Response accountConfig(Request request) {
    var account = authenticate(request);
    boolean changed = faults.isActive(Fault.GATEWAY_CONFIG);
    return Response.json(200, new Bodies.AccountConfig(true,
        changed ? CHANGED_API_VERSION : API_VERSION, account.mode(),
        new Bodies.Merchant(account.merchantId(), "cartprobe demo shop (" + account.name() + ")",
            CURRENCIES),
        "https://shop.example.com/" + account.name() + "/hooks/payments", requestSigning(),
        cardBrands()));
  }

  private Response authorize(Request request) throws InterruptedException {
    var account = authenticate(request);
    if (faults.isActive(Fault.SLOW_PAYMENTS)) {
      Thread.sleep(SLOW_PAYMENT);
    }
    checkSignature(request, account);
    var payment = request.json();
    var amount = payment.path("amount");
    if (!amount.canConvertToLong() || !amount.isIntegralNumber() || amount.asLong() <= 0) {
      throw invalid("parameter_invalid_integer", "amount must be a positive integer (minor units)");
    }
    var currency = payment.path("currency").asText("");
    if (!CURRENCIES.contains(currency)) {
      throw invalid("currency_not_supported", "currency must be one of " + CURRENCIES);
    }
    var card = payment.path("card").asText("");
    if (!card.matches("\\d{12,19}")) {
      throw invalid("parameter_missing", "card must be a card number");
    }
    if (card.equals(DECLINED_CARD)) {
      return Response.json(402, Bodies.error("card_error", "card_declined", "Your card was declined."));
    }
    String brand = brand(card);
    if (!cardBrands().contains(brand)) {
      return Response.json(402, Bodies.error("card_error", "card_brand_not_enabled",
          "Card brand " + brand + " is not enabled for this account"));
    }
    return Response.json(200, new Bodies.Payment(
        Ids.next("pay_"), "authorized",
        amount.asLong(), currency, "live".equals(account.mode())));
  }

  /** The brands the account accepts: the amex-disabled fault is a change of this field. */
  private List<String> cardBrands() {
    return faults.isActive(Fault.AMEX_DISABLED)
        ? CARD_BRANDS.stream().filter(b -> !b.equals("amex")).toList() : CARD_BRANDS;
  }

  /** By the card number's prefix, as card networks assign them (enough for test cards). */
  static String brand(String card) {
    if (card.startsWith("34") || card.startsWith("37")) {
      return "amex";
    }
    if (card.startsWith("5") || card.startsWith("2")) {
      return "mastercard";
    }
    return card.startsWith("4") ? "visa" : "other";
  }

  private String requestSigning() {
    return faults.isActive(Fault.GATEWAY_CONFIG) ? CHANGED_SIGNING : Signatures.HMAC_SHA256;
  }

  private void checkSignature(Request request, DemoEnvironment account) {
    var signature = request.header(Signatures.HEADER).flatMap(Signatures::parse)
        .orElseThrow(() -> invalid("signature_missing",
            "Requests must carry a " + Signatures.HEADER + " header"));
    if (!signature.scheme().equals(requestSigning())) {
      throw invalid("signature_scheme_mismatch", "Request signature scheme " + signature.scheme()
          + " is not accepted for this account");
    }
    if (!Signatures.verifyHmac(account.gatewayKey(), request.body(), signature.value())) {
      throw invalid("signature_invalid", "Request signature does not match the request body");
    }
  }

  private DemoEnvironment authenticate(Request request) {
    var key = request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip());
    var account = key.map(accountsByKey::get);
    if (account.isEmpty()) {
      var message = key.isEmpty()
          ? "No API key provided: send Authorization: Bearer <key>"
          : "Invalid API key provided";
      throw new ApiError(Response.json(401, Bodies.error("authentication_error", message))
          .withHeader("WWW-Authenticate", "Bearer realm=\"gateway\""));
    }
    return account.get();
  }

  private static ApiError invalid(String code, String message) {
    return new ApiError(400, Bodies.error("invalid_request_error", code, message));
  }
}
