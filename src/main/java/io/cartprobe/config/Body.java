package io.cartprobe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request body: JSON (templates in string values), a form, raw text, or none. */
public sealed interface Body {

  record None() implements Body {}

  /** A YAML tree (maps, lists, scalars) sent as JSON; string leaves are templates. */
  record Json(Object tree) implements Body {}

  record Form(Map<String, String> fields) implements Body {
    public Form {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  /** Sent as written; Content-Type from the request headers, else text/plain. */
  record Raw(String content) implements Body {}
}
