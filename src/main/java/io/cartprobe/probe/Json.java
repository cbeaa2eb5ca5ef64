package io.cartprobe.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JSON parsing, JSONPath lookup, comparison and display shared by checks and extraction. The
 * mapper is configured once and never changed, so sharing it is safe.
 */
final class Json {

  /** Floats as BigDecimal: {@code 0.1} stays 0.1 when compared; trailing junk is not JSON. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Like {@link #MAPPER}, writing object keys sorted: one text per value, whatever the order. */
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private static final JacksonMappingProvider MAPPING = new JacksonMappingProvider(MAPPER);

  private Json() {}

  /**
   * The parsed document (maps, lists, scalars), or empty when the text is not JSON.
   *
   * @throws Deadline.Exceeded when parsing is still going at the deadline
   */
  static Optional<Object> parse(String text, Deadline deadline) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Objects.requireNonNullElse(
          MAPPER.readValue(new DeadlineReader(text, deadline), Object.class), NULL_DOCUMENT));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /** Hands Jackson the text in chunks, checking the deadline before each. */
  private static final class DeadlineReader extends Reader {
    private final String text;
    private final Deadline deadline;
    private int next;

    DeadlineReader(String text, Deadline deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      deadline.check();
      if (next >= text.length()) {
        return -1;
      }
      int n = Math.min(length, text.length() - next);
      text.getChars(next, next + n, buffer, offset);
      next += n;
      return n;
    }

    @Override
    public void close() {}
  }

  /** Stands for a document that is the JSON literal {@code null}. */
  private static final Object NULL_DOCUMENT = new Object();

  /** What a path found: {@link Found} (its value may be null) or {@link Absent}. */
  sealed interface Lookup {}

  record Found(Object value) implements Lookup {}

  record Absent() implements Lookup {}

  /** @throws Deadline.Exceeded when the path is still walking the document at the deadline */
  static Lookup read(JsonPath path, Object document, Deadline deadline) {
    if (document == NULL_DOCUMENT) {
      return new Absent();
    }
    Configuration paths = Configuration.builder()
        .jsonProvider(new DeadlineJsonProvider(MAPPER, deadline)).mappingProvider(MAPPING).build();
    try {
      Object value = path.read(document, paths);
      // An indefinite path ($..id, filters) answers a list; finding nothing is absence.
      if (!path.isDefinite() && value instanceof List<?> list && list.isEmpty()) {
        return new Absent();
      }
      return new Found(value);
    } catch (PathNotFoundException e) {
      return new Absent();
    } catch (Deadline.Exceeded e) {
      throw e;
    } catch (RuntimeException e) {
      // Jayway throws unchecked for paths that do not fit the document's shape.
      return new Absent();
    }
  }

  /** Deep equality where numbers compare by value (1 == 1.0) and everything else by type. */
  static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      Optional<BigDecimal> bx = decimal(x);
      Optional<BigDecimal> by = decimal(y);
      return bx.isPresent() && by.isPresent() ? bx.get().compareTo(by.get()) == 0 : x.equals(y);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      Iterator<?> ia = la.iterator();
      Iterator<?> ib = lb.iterator();
      while (ia.hasNext()) {
        if (!sameValue(ia.next(), ib.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        // YAML keys may be non-strings; JSON keys are always strings.
        Object key = mb.containsKey(e.getKey()) ? e.getKey() : String.valueOf(e.getKey());
        if (!mb.containsKey(key) || !sameValue(e.getValue(), mb.get(key))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  static Optional<BigDecimal> decimal(Object n) {
    if (!(n instanceof Number number)) {
      return Optional.empty();
    }
    try {
      return Optional.of(number instanceof BigDecimal d ? d : new BigDecimal(number.toString()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // NaN, Infinity
    }
  }

  /** A value as JSON text, so its type shows: {@code "USD"} vs {@code 10}. */
  static String render(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A value as canonical JSON text: object keys sorted, as watched values are compared. */
  static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A value as an extracted template value: strings bare, numbers plain, others as JSON. */
  static String text(Object value) {
    return switch (value) {
      case String s -> s;
      case BigDecimal d -> d.toPlainString();
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      default -> render(value);
    };
  }
}
