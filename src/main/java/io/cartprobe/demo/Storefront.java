package io.cartprobe.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One environment's checkout page, {@code /<env>/checkout}: an empty page whose script builds
 * the form and pays through the shop's API (cart, then payment), with the card number in an
 * iframe as a hosted payment form has it. Whatever the API answers shows on the page, so every
 * demo fault that breaks the API breaks the page visibly; {@link Fault#BROKEN_BUNDLE} breaks the
 * script itself.
 */
final class Storefront {

  private static final String PAGE = resource("checkout.html");
  private static final String SCRIPT = resource("checkout.js");
  private static final String CARD_FRAME = resource("card-frame.html");
  /** A release that calls what it no longer ships: it throws before any form is drawn. */
  static final String BROKEN_LINE = "window.checkoutWidgets.mount('#app');\n";

  private final DemoEnvironment environment;
  private final Faults faults;

  Storefront(DemoEnvironment environment, Faults faults) {
    this.environment = environment;
    this.faults = faults;
  }

  void register(Router router) {
    var base = "/" + environment.name();
    router.add("GET", base + "/checkout", request -> Response.html(200, PAGE))
        .add("GET", base + "/card-frame", request -> Response.html(200, CARD_FRAME))
        .add("GET", base + "/assets/checkout.js", request -> script());
  }

  private Response script() {
    String body = faults.isActive(Fault.BROKEN_BUNDLE) ? BROKEN_LINE + SCRIPT : SCRIPT;
    return new Response(200, Map.of("Cache-Control", "no-store"),
        "text/javascript; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static String resource(String name) {
    try (InputStream in = Storefront.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
