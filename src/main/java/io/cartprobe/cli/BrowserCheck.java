package io.cartprobe.cli;

import io.cartprobe.browser.Browsers;
import io.cartprobe.config.CartprobeConfig;
import io.cartprobe.config.CheckoutProbe;
import io.cartprobe.config.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Whether the probes with {@code browser:} steps can find a Chromium on this machine. */
final class BrowserCheck {

  private BrowserCheck() {}

  /** Why the browser steps will fail here (naming their probes), or empty when they can run. */
  static Optional<String> warning(CartprobeConfig config, Map<String, String> environment) {
    List<String> probes = config.probes().stream()
        .filter(p -> p instanceof CheckoutProbe c
            && Stream.concat(c.steps().stream(), c.cleanup().stream()).anyMatch(Step::isBrowser))
        .map(p -> p.name()).toList();
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    return Browsers.missing(environment).map(why -> why + "; the browser steps of "
        + String.join(", ", probes) + " will fail with reason browser");
  }
}
