package io.cartprobe.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, for log pipelines: an ISO-8601 UTC {@code timestamp} (always with
 * milliseconds), {@code level}, {@code logger}, {@code thread}, the formatted {@code message},
 * the event's key-value pairs as fields of their own, and {@code exception} with its stack when
 * there is one. Logback's own JsonEncoder writes epoch millis and the message template with its
 * {@code {}} unfilled, which a person reading a log search cannot use.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final byte[] NONE = new byte[0];

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        // the line's own fields win: a key-value never hides the message or the time
        line.putIfAbsent(pair.key, value(pair.value));
      }
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("exception", ThrowableProxyUtil.asString(thrown));
    }
    try {
      return (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // cannot happen for strings, numbers and booleans; never lose the line over it
      return ("{\"message\":\"unencodable log line\"}\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Numbers and booleans stay JSON numbers and booleans; anything else is its text. */
  private static Object value(Object value) {
    return value instanceof Number || value instanceof Boolean || value == null
        ? value : value.toString();
  }
}
