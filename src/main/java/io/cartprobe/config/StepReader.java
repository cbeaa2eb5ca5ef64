package io.cartprobe.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one step (or the request/expect of a gateway-config probe). Template strings are only
 * collected here: whether a name resolves depends on the steps around it, which the probe
 * reader knows.
 */
final class StepReader {

  static final List<String> STEP_KEYS = List.of("name", "component", "request", "expect", "extract",
      "classify", "tls", "auth", "gateway", "browser");
  static final List<String> REQUEST_KEYS = List.of("method", "url", "headers", "json", "form", "body");
  /** The long form of an {@code extract} entry, {@code {from, secret}}. */
  static final List<String> EXTRACT_KEYS = List.of("from", "secret");
  /** One {@code classify} entry. */
  static final List<String> CLASSIFY_KEYS = List.of("when", "as");
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final String DEFAULT_COMPONENT = "unassigned";

  /** An extract name is used as {@code {{name}}}, so it must be one a template can spell. */
  private static final Pattern EXTRACT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private StepReader() {}

  /** A step read from the file, with the template strings its request holds. */
  record Read(Step step, Cursor at, List<Templates.Use> templates, Optional<Cursor> gatewayAt) {}

  /** {@code defaultName} is used when the step has no name (cleanup steps); null if required. */
  static Read step(Cursor c, String defaultName) {
    List<Templates.Use> uses = new ArrayList<>();
    MapCursor m = c.map().orElse(MapCursor.empty(c)).allow(STEP_KEYS);
    Optional<Cursor> nameCursor = defaultName == null ? m.required("name") : m.get("name");
    String name = nameCursor.flatMap(Cursor::name).orElse(defaultName == null ? "" : defaultName);
    String component = m.get("component").flatMap(Cursor::string).orElse(DEFAULT_COMPONENT);
    Optional<Cursor> browserAt = m.get("browser");
    List<BrowserAction> browser = browserAt.map(b -> BrowserActionReader.read(b, uses)).orElse(List.of());
    if (browserAt.isPresent() && m.has("request")) {
      c.error("a step has either request or browser, not both");
    }
    RequestSpec request = browserAt.isPresent() ? browserRequest(browser)
        : m.required("request").map(r -> request(r, uses)).orElse(placeholderRequest());
    Expect expect = m.get("expect").map(ExpectReader::expect).orElse(Expect.defaults());
    Map<String, Extraction> extract = m.get("extract")
        .map(x -> extract(x, browserAt.isPresent())).orElse(Map.of());
    List<Classifier> classify = m.get("classify").map(StepReader::classify).orElse(List.of());
    ClientSettings client = ClientSettingsReader.read(m, uses);
    // Checked against the gateway-config probes once every probe is read (see ProbeReader).
    Optional<Cursor> gatewayAt = m.get("gateway");
    List<String> gateway = gatewayAt.flatMap(Cursor::list).orElse(List.of()).stream()
        .flatMap(item -> item.string().stream()).toList();
    return new Read(new Step(name, component, request, expect, extract, classify, client, gateway,
        browser),
        nameCursor.orElse(c), uses, gatewayAt);
  }

  static RequestSpec placeholderRequest() {
    return new RequestSpec("GET", "", Map.of(), new Body.None());
  }

  /** A browser step's stand-in request: its first URL, for results and messages. */
  private static RequestSpec browserRequest(List<BrowserAction> actions) {
    String url = actions.stream().map(BrowserAction::act)
        .flatMap(a -> a instanceof BrowserAction.Goto(String u) ? java.util.stream.Stream.of(u)
            : java.util.stream.Stream.empty()).findFirst().orElse("");
    return new RequestSpec(Step.BROWSER_METHOD, url, Map.of(), new Body.None());
  }

  static RequestSpec request(Cursor c, List<Templates.Use> uses) {
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return placeholderRequest();
    }
    MapCursor m = map.get().allow(REQUEST_KEYS);
    String method = m.get("method").flatMap(v -> v.oneOf("method", METHODS)).orElse("GET");
    String url = m.required("url").flatMap(u -> u.string().map(s -> {
      uses.add(new Templates.Use(u, s));
      // A URL starting with a template ({{base_url}}/...) gets its scheme when it is expanded.
      if (!s.startsWith("{{")) {
        u.httpUrl();
      } else {
        UrlEscapes.valid(u, s);
      }
      return s;
    })).orElse("");
    Map<String, String> headers = m.get("headers")
        .map(h -> h.stringMap((at, v) -> uses.add(new Templates.Use(at, v)))).orElse(Map.of());
    return new RequestSpec(method, url, headers, body(m, uses));
  }

  private static Body body(MapCursor m, List<Templates.Use> uses) {
    List<MapCursor.Entry> present = new ArrayList<>();
    for (String key : List.of("json", "form", "body")) {
      m.entry(key).ifPresent(present::add);
    }
    present.stream().sorted(java.util.Comparator.comparingInt((MapCursor.Entry e) -> e.keyMark().getIndex()))
        .skip(1).forEach(e -> m.cursor().session().diagnostics().report(e.keyMark(), e.value().path(),
            "only one of json, form, body may be set"));
    Body body = new Body.None();
    if (m.get("json").isPresent()) {
      body = new Body.Json(m.get("json").get().plainValue((at, s) -> uses.add(new Templates.Use(at, s))));
    } else if (m.get("form").isPresent()) {
      body = new Body.Form(m.get("form").get().stringMap((at, v) -> uses.add(new Templates.Use(at, v))));
    } else if (m.get("body").isPresent()) {
      Cursor raw = m.get("body").get();
      body = raw.string().map(s -> {
        uses.add(new Templates.Use(raw, s));
        return (Body) new Body.Raw(s);
      }).orElse(new Body.None());
    }
    return body;
  }

  private static Map<String, Extraction> extract(Cursor c, boolean browser) {
    Map<String, Extraction> out = new LinkedHashMap<>();
    c.map().ifPresent(m -> m.entries().forEach(e -> {
      if (!EXTRACT_NAME.matcher(e.key()).matches()) {
        c.session().diagnostics().report(e.keyMark(), e.value().path(),
            "invalid name (use letters, digits, '_' and '-', starting with a letter or '_')");
        return;
      }
      extraction(e.value(), browser).ifPresent(x -> out.put(e.key(), x));
    }));
    return out;
  }

  private static Optional<Extraction> extraction(Cursor c, boolean browser) {
    if (c.node() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
      MapCursor m = c.map().orElseThrow().allow(EXTRACT_KEYS);
      boolean secret = m.get("secret").flatMap(Cursor::bool).orElse(false);
      return m.required("from").flatMap(f -> f.string().flatMap(s -> source(f, s, browser)))
          .map(s -> new Extraction(s, secret));
    }
    return c.string().flatMap(s -> source(c, s, browser)).map(s -> new Extraction(s, false));
  }

  private static Optional<Extraction.Source> source(Cursor at, String text, boolean browser) {
    if (browser != text.startsWith("css:")) {
      at.error(browser ? "a browser step extracts css:SELECTOR (the text of the first match), found "
          + Cursor.quote(text) : "css: extraction needs a browser step");
      return Optional.empty();
    }
    if (browser) {
      return text.length() > 4 ? Optional.of(new Extraction.Source.Css(text.substring(4).trim()))
          : Optional.empty();
    }
    if (text.startsWith("$")) {
      return JsonPaths.compile(at, text).map(Extraction.Source.Json::new);
    }
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    if (kind.equals("header") && !rest.isBlank()) {
      return Optional.of(new Extraction.Source.Header(rest.trim()));
    }
    if (kind.equals("cookie") && !rest.isBlank()) {
      return Optional.of(new Extraction.Source.Cookie(rest.trim()));
    }
    if (kind.equals("regex") && !rest.isEmpty()) {
      return Regexes.compile(at, rest).map(Extraction.Source.Regex::new);
    }
    at.error("expected a source like $.id, header:NAME, cookie:NAME or regex:PATTERN, found " + at.shown(text));
    return Optional.empty();
  }

  private static List<Classifier> classify(Cursor c) {
    List<Classifier> out = new ArrayList<>();
    for (Cursor item : c.list().orElse(List.of())) {
      item.map().ifPresent(m -> {
        m.allow(CLASSIFY_KEYS);
        Expect when = m.required("when").map(ExpectReader::when).orElse(Expect.defaults());
        m.required("as").flatMap(Cursor::name).ifPresent(as -> out.add(new Classifier(when, as)));
      });
    }
    return out;
  }
}
