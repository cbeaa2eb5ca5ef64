package io.cartprobe.config;

/**
 * Names a failed step's response in the shop's own words: the first classifier whose
 * {@code when} checks all hold gives the failure its name ({@code as}).
 */
public record Classifier(Expect when, String as) {}
