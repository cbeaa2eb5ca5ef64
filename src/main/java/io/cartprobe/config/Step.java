package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange of a flow. {@code component} names who owns the step, so an alert can name
 * the culprit; {@code extract} carries values to later steps; {@code classify} names a failure in
 * the shop's own words; {@code client} overrides the probe's {@code tls:} and {@code auth:};
 * {@code gateway} names the gateway-config probes whose evidence can explain this step's failure
 * (empty: the default rule of docs/attribution.md). A step with {@code browser} actions drives a
 * page in headless Chromium instead of sending {@code request}, which then only names it.
 */
public record Step(
    String name,
    String component,
    RequestSpec request,
    Expect expect,
    Map<String, Extraction> extract,
    List<Classifier> classify,
    ClientSettings client,
    List<String> gateway,
    List<BrowserAction> browser) {

  /** The method a browser step shows where an HTTP step shows its request's. */
  public static final String BROWSER_METHOD = "BROWSER";

  public Step {
    browser = List.copyOf(browser);
    extract = Collections.unmodifiableMap(new LinkedHashMap<>(extract));
    classify = List.copyOf(classify);
    gateway = List.copyOf(gateway);
  }

  public Step(String name, String component, RequestSpec request, Expect expect,
      Map<String, Extraction> extract, List<Classifier> classify, ClientSettings client,
      List<String> gateway) {
    this(name, component, request, expect, extract, classify, client, gateway, List.of());
  }

  public boolean isBrowser() {
    return !browser.isEmpty();
  }

  /** A step with the probe's client settings and the default attribution rule. */
  public Step(String name, String component, RequestSpec request, Expect expect,
      Map<String, Extraction> extract, List<Classifier> classify) {
    this(name, component, request, expect, extract, classify, ClientSettings.NONE, List.of());
  }
}
