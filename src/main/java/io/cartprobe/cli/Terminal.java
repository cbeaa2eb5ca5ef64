package io.cartprobe.cli;

/**
 * Whether output goes to a person at a terminal: colours and progress only then, and never when
 * {@code NO_COLOR} is set (https://no-color.org).
 */
public record Terminal(boolean interactive, boolean colour) {

  public static final Terminal PLAIN = new Terminal(false, false);

  static Terminal detect(java.util.Map<String, String> environment) {
    java.io.Console console = System.console();
    boolean interactive = console != null && console.isTerminal();
    boolean noColour = environment.containsKey("NO_COLOR") || "dumb".equals(environment.get("TERM"));
    return new Terminal(interactive, interactive && !noColour);
  }
}
