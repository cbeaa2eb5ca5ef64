package io.cartprobe.config;

import java.util.regex.Pattern;

/** A response header that must be present and match {@code value} (a regex, whole value). */
public record HeaderCheck(String name, Pattern value) {}
