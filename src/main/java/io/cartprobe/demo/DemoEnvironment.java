package io.cartprobe.demo;

import java.util.List;

/**
 * One shop environment of the demo, served under {@code /<name>}, and its merchant account at
 * the demo gateway, reached with the API key {@code gatewayKey}.
 */
public record DemoEnvironment(String name, String gatewayKey, String merchantId) {

  public static final DemoEnvironment STAGING =
      new DemoEnvironment("staging", "sk_test_demo_staging", "acct_demo_staging");
  public static final DemoEnvironment PRODUCTION =
      new DemoEnvironment("production", "sk_live_demo_production", "acct_demo_production");

  /** The environments the demo serves, in order. */
  public static final List<DemoEnvironment> ALL = List.of(STAGING, PRODUCTION);

  /** {@code live} for {@code sk_live_} keys, else {@code test}. */
  public String mode() {
    return gatewayKey.startsWith("sk_live_") ? "live" : "test";
  }
}
