package io.cartprobe.config;

import java.time.Duration;
import java.util.Optional;

/**
 * One action of a {@code browser:} step, done in order in one page. Selectors are CSS; text
 * values (URLs, filled values, expected text, expressions) are templates. {@code frame} is the
 * CSS selector of an iframe the action acts inside; {@code timeout} bounds how long it waits for
 * its element or condition (never past the flow's timeout).
 */
public record BrowserAction(Act act, Optional<String> frame, Optional<Duration> timeout) {

  /** What the action does. */
  public sealed interface Act {
    /** The action's key in probes.yaml, for messages. */
    String verb();
  }

  public record Goto(String url) implements Act {
    public String verb() { return "goto"; }
  }

  public record Fill(String selector, String value) implements Act {
    public String verb() { return "fill"; }
  }

  public record Click(String selector) implements Act {
    public String verb() { return "click"; }
  }

  public record WaitFor(String selector) implements Act {
    public String verb() { return "wait_for"; }
  }

  public record ExpectText(String selector, String contains) implements Act {
    public String verb() { return "expect_text"; }
  }

  public record Select(String selector, String value) implements Act {
    public String verb() { return "select"; }
  }

  /** A key (Enter, Tab, a letter) pressed on the element, or on what has focus when empty. */
  public record Press(Optional<String> selector, String key) implements Act {
    public String verb() { return "press"; }
  }

  public record WaitForUrl(String contains) implements Act {
    public String verb() { return "wait_for_url"; }
  }

  public record ExpectUrl(String contains) implements Act {
    public String verb() { return "expect_url"; }
  }

  /** A JavaScript expression (a promise is awaited) that must be truthy. */
  public record Evaluate(String expression) implements Act {
    public String verb() { return "evaluate"; }
  }

  public record Screenshot(String name) implements Act {
    public String verb() { return "screenshot"; }
  }
}
