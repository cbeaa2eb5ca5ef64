package io.cartprobe.http;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * Whether probes may connect straight to their targets without asking a {@link ProxySelector}:
 * OkHttp asks the selector for every new connection, turning the URL into a {@link URI} first,
 * which is a share of a small probe's CPU when the answer is always "direct". Only when no
 * proxy is configured anywhere: not on the base client, not by the JVM's proxy properties (the
 * JDK's selector reads them), not by the system's settings ({@code java.net.useSystemProxies}),
 * and no selector of one's own installed in the JVM. Any of those and the selector is asked,
 * as before. Decided once, when the probes' client is built: the JVM's proxy settings are
 * given at its start ({@code CARTPROBE_JAVA_OPTS}).
 */
final class ProxyChoice {

  /** The properties the JDK's own selector looks at for http, https and SOCKS. */
  static final List<String> PROXY_PROPERTIES = List.of(
      "http.proxyHost", "https.proxyHost", "proxyHost", "socksProxyHost");

  private static final String JDK_SELECTOR = "sun.net.spi.DefaultProxySelector";

  private ProxyChoice() {}

  /** As {@link #noneConfigured(OkHttpClient, ProxySelector, UnaryOperator)} for this JVM. */
  static boolean noneConfigured(OkHttpClient base) {
    return noneConfigured(base, ProxySelector.getDefault(), System::getProperty);
  }

  /**
   * @param jvmSelector the JVM's default selector ({@code null} when none is set)
   * @param property the JVM's system properties
   */
  static boolean noneConfigured(OkHttpClient base, ProxySelector jvmSelector,
      UnaryOperator<String> property) {
    if (base.proxy() != null || jvmSelector == null || base.proxySelector() != jvmSelector
        || !jvmSelector.getClass().getName().equals(JDK_SELECTOR)) {
      return false; // a proxy or selector of the base's or the user's own
    }
    if (Boolean.parseBoolean(property.apply("java.net.useSystemProxies"))) {
      return false;
    }
    for (String name : PROXY_PROPERTIES) {
      String host = property.apply(name);
      if (host != null && !host.isBlank()) {
        return false;
      }
    }
    // What the selector itself says, in case a JDK reads something the list above misses.
    return directOnly(jvmSelector, "http://cartprobe.invalid/")
        && directOnly(jvmSelector, "https://cartprobe.invalid/");
  }

  private static boolean directOnly(ProxySelector selector, String uri) {
    try {
      List<Proxy> proxies = selector.select(URI.create(uri));
      return proxies.stream().allMatch(p -> p.type() == Proxy.Type.DIRECT);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
