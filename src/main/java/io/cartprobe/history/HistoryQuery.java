package io.cartprobe.history;

import io.cartprobe.config.Durations;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@code GET /api/history}: {@code probe} and {@code env} narrow the pairs
 * (absent: all), {@code since} is an ISO-8601 instant or a duration back from now ({@code 15m};
 * absent: {@link #DEFAULT_SINCE}), {@code limit} keeps only the newest runs of each pair.
 */
public record HistoryQuery(
    Optional<String> probe, Optional<String> environment, Instant since, Optional<Integer> limit) {

  public static final Duration DEFAULT_SINCE = Duration.ofHours(1);

  /** Either a query or why the request is bad (answer 400 with it). */
  public sealed interface Parsed permits Valid, Invalid {}

  public record Valid(HistoryQuery query) implements Parsed {}

  public record Invalid(String message) implements Parsed {}

  /** Parses a raw (still percent-encoded) query string, as {@code URI.getRawQuery()} gives it. */
  public static Parsed parse(String rawQuery, Instant now) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String part : rawQuery.split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = decode(eq < 0 ? part : part.substring(0, eq));
        String value = eq < 0 ? "" : decode(part.substring(eq + 1));
        params.putIfAbsent(name, value);
      }
    }
    return parse(params, now);
  }

  public static Parsed parse(Map<String, String> params, Instant now) {
    for (String name : params.keySet()) {
      if (!name.equals("probe") && !name.equals("env") && !name.equals("since")
          && !name.equals("limit")) {
        return new Invalid("unknown parameter '" + name + "'; known: probe, env, since, limit");
      }
    }
    Instant since = now.minus(DEFAULT_SINCE);
    String sinceText = params.getOrDefault("since", "");
    if (!sinceText.isBlank()) {
      Optional<Instant> parsed = since(sinceText.trim(), now);
      if (parsed.isEmpty()) {
        return new Invalid("since: expected an ISO-8601 instant (2026-05-09T10:00:00Z) or a"
            + " duration back from now (15m, 1h, 1d), got '" + sinceText + "'");
      }
      since = parsed.get();
    }
    Optional<Integer> limit = Optional.empty();
    String limitText = params.getOrDefault("limit", "");
    if (!limitText.isBlank()) {
      try {
        int n = Integer.parseInt(limitText.trim());
        if (n < 1) {
          return new Invalid("limit: expected a positive number, got '" + limitText + "'");
        }
        limit = Optional.of(n);
      } catch (NumberFormatException e) {
        return new Invalid("limit: expected a positive number, got '" + limitText + "'");
      }
    }
    return new Valid(new HistoryQuery(nonBlank(params.get("probe")), nonBlank(params.get("env")),
        since, limit));
  }

  public boolean matches(HistoryKey key) {
    return probe.map(key.probe()::equals).orElse(true)
        && environment.map(key.environment()::equals).orElse(true);
  }

  private static Optional<Instant> since(String text, Instant now) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Durations.parse(text).map(now::minus);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a stray '%': keep it as written, the value check will name it
    }
  }
}
