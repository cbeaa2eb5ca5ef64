package io.cartprobe.config;

import com.google.re2j.Pattern;

/** A response header that must be present and match {@code value} (a regex, whole value). */
public record HeaderCheck(String name, Pattern value) {}
