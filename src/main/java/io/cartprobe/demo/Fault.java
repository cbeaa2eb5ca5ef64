package io.cartprobe.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A failure the demo can be switched into, named the way {@code --fault} and {@code /demo/faults/NAME} spell it. */
public enum Fault {

  /**
   * The May 9 incident: the gateway provider flips the account's request signing scheme and API
   * version; payments are rejected, the shop reports a database error, {@code /health} stays green.
   */
  GATEWAY_CONFIG("gateway-config",
      "May 9 replay: the gateway config changes, payments are refused, /health stays 200"),

  /**
   * A partial outage: the provider disables American Express on the account (its config lists
   * the card brands it accepts); Amex payments are declined, Visa and Mastercard still pass.
   */
  AMEX_DISABLED("amex-disabled",
      "gateway config drops amex from its card_brands: amex is declined, others pass"),

  /** Payment authorization takes about 1.5 s, so latency budgets trip. */
  SLOW_PAYMENTS("slow-payments", "payment authorization takes about 1.5 s"),

  /** The cart service is down: cart creation answers 503. */
  CART_DOWN("cart-down", "cart creation answers 503 service_unavailable"),

  /** Every third request to a shop environment answers 502 (a deterministic one-in-three). */
  FLAKY("flaky", "every 3rd request to each shop environment answers 502"),

  /** The checkout page's script throws before it draws the form (a bad frontend release). */
  BROKEN_BUNDLE("broken-bundle", "the checkout page's script throws before it draws the form"),

  /**
   * The gateway's provider posts an incident on its status page ({@code /gateway/status}): on
   * "Card payments", investigating, minor. Switching it off resolves the incident.
   */
  PROVIDER_INCIDENT("provider-incident",
      "the gateway's status page posts an incident on Card payments");

  private final String id;
  private final String description;

  Fault(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used on the command line and over HTTP, e.g. {@code gateway-config}. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<Fault> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id.strip())).findFirst();
  }

  /** Like {@link #byId} but throws, naming the known faults, for command-line parsing. */
  public static Fault parse(String id) {
    return byId(id).orElseThrow(() -> new IllegalArgumentException(
        "unknown fault '" + id + "'; known faults: " + String.join(", ", ids())));
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Fault::id).toList();
  }
}
