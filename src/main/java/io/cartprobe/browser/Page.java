package io.cartprobe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One page in its own browser context, and what it reported: console errors, uncaught
 * exceptions and failed requests. Closing disposes the context (its cookies, storage, renderer).
 */
final class Page implements AutoCloseable {

  private static final int MAX_ENTRIES = 20;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  /** Told when the page is closed; {@code clean} is false if its context would not close. */
  interface Release {
    void released(Page page, boolean clean);
  }

  private final Cdp cdp;
  private final String contextId;
  private final String session;
  private final Release release;
  private final List<String> consoleErrors = new ArrayList<>();
  private final List<String> failedRequests = new ArrayList<>();
  private final Map<String, String> requests = new ConcurrentHashMap<>();

  private Page(Cdp cdp, String contextId, String session, Release release) {
    this.cdp = cdp;
    this.contextId = contextId;
    this.session = session;
    this.release = release;
  }

  static Page open(Cdp cdp, Duration timeout, Release release) throws BrowserException {
    String context = cdp.send(null, "Target.createBrowserContext",
        Cdp.params().put("disposeOnDetach", true), timeout).path("browserContextId").asText();
    try {
      String target = cdp.send(null, "Target.createTarget", Cdp.params().put("url", "about:blank")
          .put("browserContextId", context), timeout).path("targetId").asText();
      String session = cdp.send(null, "Target.attachToTarget",
          Cdp.params().put("targetId", target).put("flatten", true), timeout).path("sessionId").asText();
      Page page = new Page(cdp, context, session, release);
      cdp.listen(session, page::onEvent);
      for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
        page.send(domain + ".enable", Cdp.params(), timeout);
      }
      return page;
    } catch (BrowserException e) {
      dispose(cdp, context);
      throw e;
    }
  }

  JsonNode send(String method, ObjectNode params, Duration timeout) throws BrowserException {
    return cdp.send(session, method, params, timeout);
  }

  /**
   * Evaluates an expression (awaiting a promise) and returns its value.
   *
   * @param context an execution context id (a frame's), or empty for the top document
   */
  JsonNode evaluate(Optional<Integer> context, String expression, Duration timeout)
      throws BrowserException {
    ObjectNode p = Cdp.params().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", true);
    context.ifPresent(id -> p.put("contextId", id));
    JsonNode r = send("Runtime.evaluate", p, timeout);
    if (r.has("exceptionDetails")) {
      JsonNode d = r.get("exceptionDetails");
      throw new BrowserException.Script(d.path("exception").path("description")
          .asText(d.path("text").asText("exception")).lines().findFirst().orElse("exception"));
    }
    return r.path("result").path("value");
  }

  /** The execution context of the document inside the iframe {@code selector}, if it is there. */
  Optional<Integer> frameContext(String selector, Duration timeout) throws BrowserException {
    JsonNode r = send("Runtime.evaluate", Cdp.params().put("expression",
        "document.querySelector(" + Scripts.quote(selector) + ")"), timeout).path("result");
    if (!r.has("objectId")) {
      return Optional.empty();
    }
    JsonNode node = send("DOM.describeNode", Cdp.params().put("objectId",
        r.get("objectId").asText()), timeout).path("node");
    if (!node.has("frameId")) {
      throw new BrowserException("frame " + selector + " is a <" + node.path("localName").asText()
          + ">, not an iframe");
    }
    return Optional.of(isolatedWorld(node.get("frameId").asText(), timeout));
  }

  /** Every frame's id, the top document first. */
  List<String> frames(Duration timeout) throws BrowserException {
    List<String> ids = new ArrayList<>();
    collectFrames(send("Page.getFrameTree", Cdp.params(), timeout).path("frameTree"), ids);
    return ids;
  }

  int isolatedWorld(String frameId, Duration timeout) throws BrowserException {
    return send("Page.createIsolatedWorld", Cdp.params().put("frameId", frameId)
        .put("worldName", "cartprobe"), timeout).path("executionContextId").asInt();
  }

  private static void collectFrames(JsonNode tree, List<String> into) {
    into.add(tree.path("frame").path("id").asText());
    tree.path("childFrames").forEach(child -> collectFrames(child, into));
  }

  /** Starts a navigation; the error Chromium gives (net::ERR_...) if it failed at once. */
  Optional<String> navigate(String url, Duration timeout) throws BrowserException {
    String error = send("Page.navigate", Cdp.params().put("url", url), timeout)
        .path("errorText").asText("");
    return error.isEmpty() ? Optional.empty() : Optional.of(error);
  }

  byte[] screenshot(Duration timeout) throws BrowserException {
    String data = send("Page.captureScreenshot", Cdp.params().put("format", "png"), timeout)
        .path("data").asText();
    return Base64.getDecoder().decode(data);
  }

  synchronized List<String> consoleErrors() {
    return List.copyOf(consoleErrors);
  }

  synchronized List<String> failedRequests() {
    return List.copyOf(failedRequests);
  }

  private synchronized void onEvent(JsonNode msg) {
    JsonNode p = msg.path("params");
    switch (msg.path("method").asText()) {
      case "Runtime.exceptionThrown" -> {
        JsonNode d = p.path("exceptionDetails");
        add(consoleErrors, "uncaught " + d.path("exception").path("description")
            .asText(d.path("text").asText()).lines().findFirst().orElse(""));
      }
      case "Runtime.consoleAPICalled" -> {
        if (p.path("type").asText().equals("error")) {
          List<String> parts = new ArrayList<>();
          p.path("args").forEach(a -> parts.add(a.has("value") ? a.get("value").asText()
              : a.path("description").asText()));
          add(consoleErrors, "console.error: " + String.join(" ", parts));
        }
      }
      case "Log.entryAdded" -> {
        JsonNode e = p.path("entry");
        if (e.path("level").asText().equals("error") && !e.path("source").asText().equals("network")) {
          add(consoleErrors, e.path("text").asText());
        }
      }
      case "Network.requestWillBeSent" -> requests.put(p.path("requestId").asText(),
          p.path("request").path("method").asText() + " " + p.path("request").path("url").asText());
      case "Network.responseReceived" -> {
        int status = p.path("response").path("status").asInt();
        if (status >= 400) {
          add(failedRequests, requests.getOrDefault(p.path("requestId").asText(),
              p.path("response").path("url").asText()) + ": HTTP " + status);
        }
      }
      case "Network.loadingFailed" -> {
        if (!p.path("canceled").asBoolean()) {
          add(failedRequests, requests.getOrDefault(p.path("requestId").asText(), "request")
              + ": " + p.path("errorText").asText());
        }
      }
      default -> { }
    }
  }

  private static void add(List<String> list, String entry) {
    if (list.size() < MAX_ENTRIES) {
      list.add(entry);
    }
  }

  @Override
  public void close() {
    cdp.forget(session);
    release.released(this, dispose(cdp, contextId));
  }

  private static boolean dispose(Cdp cdp, String context) {
    try {
      cdp.send(null, "Target.disposeBrowserContext",
          Cdp.params().put("browserContextId", context), CLOSE_TIMEOUT);
      return true;
    } catch (BrowserException e) {
      return false;
    }
  }
}
