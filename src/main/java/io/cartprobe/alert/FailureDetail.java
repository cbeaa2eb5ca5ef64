package io.cartprobe.alert;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Optional;

/**
 * What broke, in the words the on-call engineer needs first: the step, who owns it, why, what
 * was expected and what came back. For a failed run it is the run's {@code Failure}; for
 * latency, certificate and config-change alerts the engine words it the same way so every
 * format can render one shape.
 *
 * @param bodyExcerpt the failed response's excerpt, already redacted by the probe engine
 */
@JsonNaming(LowerCamelCaseStrategy.class)
public record FailureDetail(
    String step,
    String component,
    String reason,
    String message,
    Optional<String> expected,
    Optional<String> actual,
    Optional<String> classification,
    Optional<String> bodyExcerpt) {}
