package io.cartprobe.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a step's response must look like. With nothing written, a step expects a 2xx status.
 * Also the shape of a {@code classify.when}: there, every check present must hold.
 */
public record Expect(
    StatusExpectation status,
    Optional<Duration> maxLatency,
    Optional<Duration> degradedLatency,
    List<HeaderCheck> headers,
    List<BodyCheck> body,
    List<JsonAssertion> json,
    Optional<Duration> certValidFor) {

  public Expect {
    headers = List.copyOf(headers);
    body = List.copyOf(body);
    json = List.copyOf(json);
  }

  public static Expect defaults() {
    return new Expect(StatusExpectation.ANY_2XX, Optional.empty(), Optional.empty(),
        List.of(), List.of(), List.of(), Optional.empty());
  }
}
