package io.cartprobe.config;

import com.jayway.jsonpath.JsonPath;
import java.util.List;

/** {@code $.total: {gt: 0}}: a JSONPath (compiled at load time) and the checks on its value. */
public record JsonAssertion(String path, JsonPath compiled, List<JsonCheck> checks) {

  public JsonAssertion {
    checks = List.copyOf(checks);
  }
}
