package io.cartprobe.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code auth:}: {@code none}, or a map naming exactly one scheme. Strings are collected
 * as templates for the caller to check, like a request's.
 */
final class AuthReader {

  static final List<String> SCHEMES = List.of("oauth2", "basic", "hmac", "aws_sigv4");
  static final List<String> OAUTH2_KEYS =
      List.of("token_url", "client_id", "client_secret", "scopes", "cache", "client_auth");
  static final List<String> BASIC_KEYS = List.of("username", "password");
  static final List<String> HMAC_KEYS =
      List.of("key", "header", "algorithm", "over", "encoding", "prefix", "timestamp_header");
  static final List<String> SIGV4_KEYS =
      List.of("region", "service", "access_key_id", "secret_access_key", "session_token");
  static final List<String> HMAC_ALGORITHMS = List.of("sha256", "sha512", "sha1");
  /** What {@code {name}} in an hmac {@code over} can stand for. */
  static final Set<String> OVER_PARTS = Set.of("method", "path", "query", "timestamp", "body", "host");

  private static final Pattern OVER_PART = Pattern.compile("(?<!\\{)\\{([A-Za-z_]+)}(?!})");

  private AuthReader() {}

  static Optional<AuthConfig> read(Cursor c, List<Templates.Use> uses) {
    if (c.isNull()) {
      return Optional.empty(); // commented out
    }
    if (c.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode && !c.isNull()) {
      return c.string().flatMap(s -> {
        if (s.equals("none")) return Optional.of(new AuthConfig.None());
        c.error("expected none or a map with one of " + String.join(", ", SCHEMES) + ", found " + c.describe());
        return Optional.empty();
      });
    }
    Optional<MapCursor> map = c.map();
    if (map.isEmpty()) {
      return Optional.empty();
    }
    MapCursor m = map.get().allow(SCHEMES);
    List<MapCursor.Entry> schemes = m.entries().stream().filter(e -> SCHEMES.contains(e.key())).toList();
    if (schemes.size() != 1) {
      c.error(schemes.isEmpty() ? "expected one of " + String.join(", ", SCHEMES)
          : "only one scheme may be set, found " + String.join(", ", schemes.stream().map(MapCursor.Entry::key).toList()));
      return Optional.empty();
    }
    Cursor body = schemes.getFirst().value();
    Optional<MapCursor> fields = body.map();
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Function<String, String> required = key -> template(fields.get(), key, true, uses).orElse("");
    return Optional.of(switch (schemes.getFirst().key()) {
      case "oauth2" -> {
        fields.get().allow(OAUTH2_KEYS);
        fields.get().required("token_url").ifPresent(u -> u.string()
            .filter(s -> !s.startsWith("{{")).ifPresent(s -> u.httpUrl()));
        yield new AuthConfig.OAuth2(required.apply("token_url"), required.apply("client_id"),
            required.apply("client_secret"), fields.get().get("scopes").map(Cursor::stringList).orElse(List.of()),
            fields.get().get("cache").flatMap(Cursor::bool).orElse(true),
            fields.get().get("client_auth").flatMap(a -> a.oneOf("client_auth", List.of("basic", "body")))
                .map(a -> a.equals("body") ? AuthConfig.ClientAuth.BODY : AuthConfig.ClientAuth.BASIC)
                .orElse(AuthConfig.ClientAuth.BASIC));
      }
      case "basic" -> {
        fields.get().allow(BASIC_KEYS);
        yield new AuthConfig.Basic(required.apply("username"), required.apply("password"));
      }
      case "hmac" -> {
        fields.get().allow(HMAC_KEYS);
        fields.get().get("over").ifPresent(AuthReader::checkOver);
        yield new AuthConfig.Hmac(required.apply("key"),
            fields.get().required("header").flatMap(Cursor::name).orElse(""),
            fields.get().get("algorithm").flatMap(a -> a.oneOf("algorithm", HMAC_ALGORITHMS)).orElse("sha256"),
            required.apply("over"),
            fields.get().get("encoding").flatMap(e -> e.oneOf("encoding", List.of("hex", "base64")))
                .map(e -> e.equals("hex") ? AuthConfig.Encoding.HEX : AuthConfig.Encoding.BASE64)
                .orElse(AuthConfig.Encoding.HEX),
            fields.get().get("prefix").flatMap(Cursor::string).orElse(""),
            fields.get().get("timestamp_header").flatMap(Cursor::name));
      }
      default -> {
        fields.get().allow(SIGV4_KEYS);
        yield new AuthConfig.AwsSigV4(required.apply("region"), required.apply("service"),
            required.apply("access_key_id"), required.apply("secret_access_key"),
            template(fields.get(), "session_token", false, uses));
      }
    });
  }

  private static Optional<String> template(MapCursor m, String key, boolean required, List<Templates.Use> uses) {
    Optional<Cursor> value = required ? m.required(key) : m.get(key);
    return value.flatMap(v -> v.string().map(s -> {
      uses.add(new Templates.Use(v, s));
      return s;
    }));
  }

  private static void checkOver(Cursor over) {
    over.string().ifPresent(text -> {
      Matcher part = OVER_PART.matcher(text);
      while (part.find()) {
        if (!OVER_PARTS.contains(part.group(1))) {
          over.error("unknown part '{" + part.group(1) + "}' (expected one of {method}, {path}, {query}, "
              + "{timestamp}, {body}, {host}; templates are written {{name}})");
        }
      }
    });
  }
}
