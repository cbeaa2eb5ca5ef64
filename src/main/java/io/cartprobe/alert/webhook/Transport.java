package io.cartprobe.alert.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One HTTP POST; an interface so delivery logic is tested apart from the network too. */
public interface Transport {

  /** The parts of an answer delivery acts on. */
  record Reply(int status, Optional<String> retryAfter) {}

  /** @throws IOException when no answer arrived (refused, reset, timed out) */
  Reply post(String url, Map<String, String> headers, String body, Duration timeout)
      throws IOException;
}
