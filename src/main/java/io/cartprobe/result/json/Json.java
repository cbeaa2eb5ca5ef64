package io.cartprobe.result.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson mapper cartprobe writes and reads every JSON contract with ({@code run -o json},
 * {@code /api/status}, {@code /api/history}, the {@code json} webhook, the state file). Records
 * are bound by data binding; how a wire shape is pinned:
 *
 * <ul>
 *   <li>A record is written as it is declared: components in order, names in snake_case (set
 *       here, once). A contract in camelCase (the webhook event, the {@code alerts} section of
 *       the state file) says so on its records with {@code @JsonNaming}.
 *   <li>Where the wire name or order differs from the record ({@code env} for
 *       {@code environment}, a result's {@code failure} before its {@code steps}), the record
 *       carries the standard annotation ({@code @JsonProperty}, {@code @JsonPropertyOrder}); a
 *       value derived from others (a cause's {@code summary}) is an annotated, read-only accessor.
 *   <li>Where the wire is a view of several objects, or nests them differently than the model
 *       (the status document, a history run, the webhook event), a small wire record next to its
 *       owner, named {@code …Json}, is that shape.
 * </ul>
 *
 * Durations are seconds as numbers ({@code 0.268}), as Prometheus writes them; instants are
 * ISO-8601 text as {@link java.time.Instant#toString()} writes them; enums are their
 * {@code wireName()} ({@code @JsonValue}); an empty {@code Optional} is {@code null}. Reading
 * ignores unknown keys (a newer cartprobe's additions do not break an older one) and takes an
 * absent {@code Optional}, list or map as empty. So a component added to a record needs no
 * mapping code: it is written under its snake_case name (left out while empty with
 * {@code @JsonInclude(NON_EMPTY)} or {@code NON_ABSENT}), and files written before it read.
 *
 * <p>Configured once and never changed afterwards: in that state a Jackson mapper is
 * thread-safe, so this one is shared.
 */
public final class Json {

  private static final JsonSetter.Value AS_EMPTY = JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY);

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule("cartprobe-seconds")
          .addSerializer(Duration.class, new SecondsSerializer())
          .addDeserializer(Duration.class, new SecondsDeserializer()))
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      // A list or map absent from a file (older, newer, hand-made) reads as empty, never null.
      .withConfigOverride(List.class, empty -> empty.setSetterInfo(AS_EMPTY))
      .withConfigOverride(Map.class, empty -> empty.setSetterInfo(AS_EMPTY))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /** The value as a tree, for documents whose sections have different owners (the state file). */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Compact text, as webhooks and {@code /api/history} send it. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** Jackson's default pretty printing, as {@code run -o json} and {@code /api/status} print. */
  public static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** @throws JsonProcessingException when the text is not JSON */
  public static JsonNode parse(byte[] text) throws IOException {
    return MAPPER.readTree(text);
  }

  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** @throws IllegalArgumentException when the tree does not have the shape of {@code type} */
  public static <T> T read(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  /** Seconds as a number: {@code 0.268}, {@code 7.7E-8} (Java's double text, as Jackson writes). */
  private static final class SecondsSerializer extends StdScalarSerializer<Duration> {
    SecondsSerializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeNumber(value.toNanos() / 1e9);
    }
  }

  private static final class SecondsDeserializer extends StdScalarDeserializer<Duration> {
    SecondsDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
      if (!in.currentToken().isNumeric()) {
        return (Duration) context.handleUnexpectedToken(Duration.class, in);
      }
      return Duration.ofNanos(Math.round(in.getDoubleValue() * 1e9));
    }
  }
}
