package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target environment (staging, production...): template variables, headers sent on every
 * request, secrets, whose values are redacted wherever cartprobe writes, and how to connect
 * and authenticate ({@code tls:}, {@code auth:}).
 */
public record Environment(
    String name,
    Map<String, String> vars,
    Map<String, String> headers,
    Map<String, String> secrets,
    ClientSettings client) {

  public Environment {
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
  }

  public Environment(String name, Map<String, String> vars, Map<String, String> headers,
      Map<String, String> secrets) {
    this(name, vars, headers, secrets, ClientSettings.NONE);
  }
}
