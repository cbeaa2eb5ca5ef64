package io.cartprobe.browser;

import java.time.Duration;
import java.util.Map;

/** Presses a key as a keyboard would: a key-down carrying its text, then a key-up. */
final class Keys {

  /** Named keys: key code and the text they type ("\r" makes Enter submit a form). */
  private static final Map<String, Object[]> NAMED = Map.of(
      "Enter", new Object[] {13, "\r"}, "Tab", new Object[] {9, ""},
      "Escape", new Object[] {27, ""}, "Backspace", new Object[] {8, ""},
      "ArrowDown", new Object[] {40, ""}, "ArrowUp", new Object[] {38, ""},
      "Space", new Object[] {32, " "});

  private Keys() {}

  static void press(Page page, String key, Duration timeout) throws BrowserException {
    Object[] named = NAMED.get(key);
    if (named == null && key.codePointCount(0, key.length()) != 1) {
      throw new BrowserException("unknown key '" + key + "' (one character, or one of "
          + String.join(", ", new java.util.TreeSet<>(NAMED.keySet())) + ")");
    }
    int code = named != null ? (int) named[0] : Character.toUpperCase(key.codePointAt(0));
    String text = named != null ? (String) named[1] : key;
    String name = key.equals("Space") ? " " : key;
    var down = Cdp.params().put("type", text.isEmpty() ? "rawKeyDown" : "keyDown").put("key", name)
        .put("windowsVirtualKeyCode", code).put("code", key.length() == 1 ? "Key" + key.toUpperCase() : key);
    if (!text.isEmpty()) {
      down.put("text", text);
    }
    page.send("Input.dispatchKeyEvent", down, timeout);
    page.send("Input.dispatchKeyEvent", Cdp.params().put("type", "keyUp").put("key", name)
        .put("windowsVirtualKeyCode", code), timeout);
  }
}
