package io.cartprobe.probe;

import io.cartprobe.config.Extraction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pulls {@code extract} values out of a response for later steps. */
final class Extractor {

  private Extractor() {}

  /** The values found, and the names (with their source) that were not. */
  record Extracted(Map<String, String> values, List<String> missing) {}

  static Extracted extract(Map<String, Extraction> wanted, ResponseView response) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    wanted.forEach((name, extraction) -> {
      Optional<String> value = find(extraction.source(), response);
      if (value.isPresent()) {
        values.put(name, value.get());
      } else {
        missing.add(name + " (" + extraction.source().spec() + ")");
      }
    });
    return new Extracted(values, missing);
  }

  private static Optional<String> find(Extraction.Source source, ResponseView response) {
    return switch (source) {
      case Extraction.Source.Json(var path) -> response.json()
          .map(doc -> Json.read(path, doc, response.deadline()))
          .flatMap(found -> found instanceof Json.Found(Object v) && v != null
              ? Optional.of(Json.text(v)) : Optional.empty());
      case Extraction.Source.Header(String name) ->
          Optional.ofNullable(response.headers().get(name));
      case Extraction.Source.Cookie(String name) -> response.cookie(name);
      // Read from the page by the browser step, never from an HTTP response.
      case Extraction.Source.Css c -> Optional.empty();
      case Extraction.Source.Regex(var pattern) -> {
        var m = pattern.matcher(response.matchable(response.body()));
        yield m.find() ? Optional.ofNullable(m.groupCount() > 0 ? m.group(1) : m.group())
            : Optional.empty();
      }
    };
  }
}
