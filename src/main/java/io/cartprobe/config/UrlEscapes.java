package io.cartprobe.config;

import java.util.Optional;

/**
 * Percent-escapes in a URL: OkHttp sends {@code %zz} as written and the target answers with
 * its own parser's error page, so a bad escape is refused before anything is sent.
 */
public final class UrlEscapes {

  public static final String HINT = "a '%' must be followed by two hex digits; write %25 for a"
      + " literal '%'";

  private UrlEscapes() {}

  /**
   * The first invalid escape, as written ({@code %zz}, or {@code %} at the end).
   *
   * @param templated the URL still holds {@code {{...}}}: a '%' right before one is left to the
   *     rendered value
   */
  public static Optional<String> invalid(String url, boolean templated) {
    for (int i = url.indexOf('%'); i >= 0; i = url.indexOf('%', i + 1)) {
      if (templated && url.startsWith("{{", i + 1)) {
        continue;
      }
      if (i + 2 >= url.length()) {
        return Optional.of(url.substring(i));
      }
      if (!hex(url.charAt(i + 1)) || !hex(url.charAt(i + 2))) {
        return Optional.of(url.substring(i, i + 3));
      }
    }
    return Optional.empty();
  }

  /** Reports the first invalid escape of {@code url}, written at {@code at}; true when there is none. */
  static boolean valid(Cursor at, String url) {
    Optional<String> bad = invalid(url, true);
    bad.ifPresent(escape -> at.error("URL " + at.shown(url) + " has an invalid percent-escape "
        + at.shown(escape, describe(escape)) + " (" + HINT + ")"));
    return bad.isEmpty();
  }

  /** Describes an invalid escape for a message: {@code '%zz'} or {@code '%' at the end}. */
  public static String describe(String escape) {
    return escape.length() < 3 ? "'" + escape + "' at the end" : "'" + escape + "'";
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
