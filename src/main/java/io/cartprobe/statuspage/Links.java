package io.cartprobe.statuspage;

import io.cartprobe.history.HistoryKey;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The page's own URLs. Names are percent-encoded as path segments, so any name links safely. */
public final class Links {

  private Links() {}

  public static String probePath(String probe, String environment) {
    return "/probes/" + segment(probe) + "/" + segment(environment);
  }

  /** A fragment id for a row: stable across refreshes, safe in an id attribute. */
  static String anchor(String probe, String environment) {
    return "row-" + probe.replaceAll("[^A-Za-z0-9_.-]", "_") + "--"
        + environment.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * The probe and environment of a {@code /probes/NAME/ENV} path, for the agent's handler.
   *
   * @return empty when the path does not have that shape
   */
  public static Optional<HistoryKey> parseProbePath(String rawPath) {
    String[] parts = rawPath.split("/", -1);
    if (parts.length != 4 || !parts[0].isEmpty() || !parts[1].equals("probes")
        || parts[2].isEmpty() || parts[3].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new HistoryKey(decode(parts[2]), decode(parts[3])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String decode(String segment) {
    // In a path '+' is a plus, not a space as URLDecoder (made for forms) would read it.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String segment(String name) {
    // URLEncoder encodes for forms: a space becomes '+', which in a path is a literal plus.
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
