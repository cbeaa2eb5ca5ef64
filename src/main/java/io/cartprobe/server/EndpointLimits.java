package io.cartprobe.server;

import java.util.Map;

/**
 * Limits for the JDK HTTP server behind the agent's endpoints, so slow or abusive clients cannot
 * hold connections and file descriptors the probes need: a request must arrive whole within
 * {@code maxReqTime} (a client trickling one byte every 20 s is cut off), a response must be sent
 * within {@code maxRspTime}, idle keep-alive connections close, and at most
 * {@code maxConnections} are open at once. The JDK reads these once, when its server class loads,
 * so they are set as system properties before the first server starts; a value the operator set
 * with {@code -D} (or {@code JAVA_TOOL_OPTIONS}) wins.
 */
public final class EndpointLimits {

  static final Map<String, String> DEFAULTS = Map.of(
      "sun.net.httpserver.maxReqTime", "10",      // seconds for request line, headers and body
      "sun.net.httpserver.maxRspTime", "120",     // seconds; /probe answers after its run
      "sun.net.httpserver.idleInterval", "30",    // seconds an idle keep-alive connection lives
      "sun.net.httpserver.maxIdleConnections", "64",
      "jdk.httpserver.maxConnections", "256",
      "sun.net.httpserver.maxReqHeaders", "100");

  private EndpointLimits() {}

  public static void install() {
    DEFAULTS.forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    });
  }
}
