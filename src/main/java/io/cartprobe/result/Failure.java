package io.cartprobe.result;

import java.util.Optional;

/**
 * The first failed step of a run, and why, in the words an on-call engineer needs: which step,
 * which component owns it, the reason, what was expected and what came back.
 *
 * @param classification the {@code classify} name that matched the failed response, if any
 */
public record Failure(
    String step,
    String component,
    FailureReason reason,
    String message,
    Optional<String> expected,
    Optional<String> actual,
    Optional<String> classification) {}
