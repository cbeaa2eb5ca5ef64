package io.cartprobe.statuspage;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes well-formed XHTML that browsers read as HTML5. Text and attribute values are escaped
 * by default, so a value from a target or the config (a body excerpt, a message, a name, a URL)
 * can only ever be text; markup enters only through {@link #trusted}, which takes the page's own
 * constants. Tag and attribute names are always constants of this package.
 *
 * <p>Well-formed output is deliberate: tests parse the page with the JDK's XML parser, which
 * catches an unescaped character or an unclosed element that a string check would miss.
 */
final class Markup {

  private final StringBuilder out = new StringBuilder(16 * 1024);
  private final Deque<String> open = new ArrayDeque<>();

  /** Opens an element; {@code attributes} are name, value pairs (a null value omits the pair). */
  Markup open(String tag, String... attributes) {
    start(tag, attributes);
    out.append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  Markup close() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** An element holding only text. */
  Markup element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close();
  }

  /** An element with no content: HTML void elements ({@code meta}, {@code br}) and SVG shapes. */
  Markup empty(String tag, String... attributes) {
    start(tag, attributes);
    out.append("/>");
    return this;
  }

  Markup text(String text) {
    out.append(escape(text));
    return this;
  }

  /** The page's own markup, CSS or script: never anything that came from outside. */
  Markup trusted(String markup) {
    out.append(markup);
    return this;
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return out.toString();
  }

  private void start(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1]))
            .append('"');
      }
    }
  }

  /**
   * Escapes for text and double- or single-quoted attributes alike. Characters XML forbids
   * (controls other than tab and newline, lone surrogates) become U+FFFD: a target's body may
   * hold anything, and one bad byte must not break the page.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            sb.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
              || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
