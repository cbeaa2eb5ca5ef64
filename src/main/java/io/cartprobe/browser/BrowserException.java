package io.cartprobe.browser;

/** A browser action that could not happen; its message is what the step result says. */
class BrowserException extends Exception {

  BrowserException(String message) {
    super(message);
  }

  /** The browser did not answer in the time left. */
  static final class Timeout extends BrowserException {
    Timeout(String method) {
      super("Chromium did not answer " + method + " in time");
    }
  }

  /** The page's script threw while we evaluated something in it. */
  static final class Script extends BrowserException {
    Script(String message) {
      super(message);
    }
  }
}
