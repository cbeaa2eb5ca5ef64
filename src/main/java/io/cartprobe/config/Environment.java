package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target environment (staging, production...): template variables, headers sent on every
 * request, and secrets, whose values are redacted wherever cartprobe writes.
 */
public record Environment(
    String name,
    Map<String, String> vars,
    Map<String, String> headers,
    Map<String, String> secrets) {

  public Environment {
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
  }
}
