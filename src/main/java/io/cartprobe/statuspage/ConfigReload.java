package io.cartprobe.statuspage;

import java.time.Instant;
import java.util.Optional;

/**
 * How the last config (re)load went. Only a count of errors is shown, never their text: an error
 * line can quote a value from the file, and the page must not show config values.
 */
public record ConfigReload(boolean successful, Optional<Instant> at, int errors) {

  public static ConfigReload loadedAt(Instant at) {
    return new ConfigReload(true, Optional.of(at), 0);
  }

  public static ConfigReload rejectedAt(Instant at, int errors) {
    return new ConfigReload(false, Optional.of(at), errors);
  }
}
