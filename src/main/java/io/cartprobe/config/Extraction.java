package io.cartprobe.config;

import com.google.re2j.Pattern;
import com.jayway.jsonpath.JsonPath;

/**
 * Where a carried value comes from: {@code $.id}, {@code header:NAME}, {@code cookie:NAME} or
 * {@code regex:PATTERN} (first group, else whole match), or in a browser step {@code css:SELECTOR}. A {@code secret} value is redacted
 * everywhere, like an environment secret.
 */
public record Extraction(Source source, boolean secret) {

  public sealed interface Source {
    /** The source as written, for messages. */
    String spec();

    record Json(JsonPath path) implements Source {
      public String spec() { return path.getPath(); }
    }

    record Header(String name) implements Source {
      public String spec() { return "header:" + name; }
    }

    record Cookie(String name) implements Source {
      public String spec() { return "cookie:" + name; }
    }

    /** The text of the first element matching a CSS selector (browser steps only). */
    record Css(String selector) implements Source {
      public String spec() { return "css:" + selector; }
    }

    record Regex(Pattern pattern) implements Source {
      public String spec() { return "regex:" + pattern.pattern(); }
    }
  }
}
