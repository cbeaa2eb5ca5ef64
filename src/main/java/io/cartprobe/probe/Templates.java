package io.cartprobe.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders {@code {{name}}} placeholders in request strings and JSON bodies. */
public final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

  private Templates() {}

  public static String render(String text, TemplateScope scope) throws TemplateException {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = scope.resolve(name).orElseThrow(() -> new TemplateException(name));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Renders the string leaves of a YAML/JSON tree; keys and non-string leaves are kept. */
  public static Object renderTree(Object node, TemplateScope scope) throws TemplateException {
    return switch (node) {
      case String s -> render(s, scope);
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(e.getKey(), renderTree(e.getValue(), scope));
        }
        yield out;
      }
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
          out.add(renderTree(item, scope));
        }
        yield out;
      }
      case null -> null;
      default -> node;
    };
  }
}
