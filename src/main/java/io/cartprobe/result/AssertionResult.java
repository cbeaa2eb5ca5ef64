package io.cartprobe.result;

/**
 * One check of a step's {@code expect}: e.g. {@code check="json $.status equals"},
 * {@code expected="authorized"}, {@code actual="declined"}.
 */
public record AssertionResult(String check, String expected, String actual, boolean passed) {}
