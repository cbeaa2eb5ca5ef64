package io.cartprobe.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cartprobe.config.AuthConfig;
import io.cartprobe.http.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The OAuth2 client-credentials grant (RFC 6749 section 4.4): one POST to the token endpoint,
 * its answer read into an {@link AccessToken} or an {@link AuthFailure} quoting what the
 * endpoint said.
 */
public final class TokenEndpoint {

  /** Without {@code expires_in} a token is reused this long at most. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
  /** A token is dropped this long before it expires, at most a tenth of its lifetime. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(60);
  private static final int QUOTE_LIMIT = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenEndpoint() {}

  /** The token request for {@code oauth2}, whose strings are already rendered. */
  static Request request(AuthConfig.OAuth2 oauth) throws AuthFailure {
    HttpUrl url = HttpUrl.parse(oauth.tokenUrl());
    if (url == null) {
      throw new AuthFailure("token_url is not a valid http(s) URL: " + oauth.tokenUrl());
    }
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    if (!oauth.scopes().isEmpty()) {
      form.add("scope", String.join(" ", oauth.scopes()));
    }
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if (oauth.clientAuth() == AuthConfig.ClientAuth.BODY) {
      form.add("client_id", oauth.clientId()).add("client_secret", oauth.clientSecret());
    } else {
      // RFC 6749 2.3.1: both parts form-encoded before they are joined (PayPal, Adyen, most others)
      request.header("Authorization", Credentials.basic(formEncode(oauth.clientId()),
          formEncode(oauth.clientSecret())));
    }
    return request.post(form.build()).build();
  }

  /** Sends the request through {@code send} and reads the token, or says why there is none. */
  static AccessToken fetch(AuthConfig.OAuth2 oauth, Function<Request, HttpExchange> send, Instant now)
      throws AuthFailure {
    String where = "token endpoint " + oauth.tokenUrl();
    HttpExchange answer = send.apply(request(oauth));
    return switch (answer) {
      case HttpExchange.Failed failed -> throw new AuthFailure(where + " could not be reached", failed.error());
      case HttpExchange.Completed done -> {
        int status = done.head().status();
        if (status / 100 != 2) {
          throw new AuthFailure(where + " answered " + status + ": " + quote(done.body()));
        }
        yield token(where, done.body(), now);
      }
    };
  }

  private static AccessToken token(String where, String body, Instant now) throws AuthFailure {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.path("access_token").isTextual() || json.path("access_token").asText().isEmpty()) {
      throw new AuthFailure(where + " answered without an access_token: " + quote(body));
    }
    String type = json.path("token_type").asText("Bearer");
    if (!type.equalsIgnoreCase("bearer")) {
      throw new AuthFailure(where + " issued a token of type '" + type + "'; only Bearer tokens are supported");
    }
    Duration lifetime = json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0
        ? Duration.ofSeconds(json.path("expires_in").asLong()) : DEFAULT_LIFETIME;
    Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
    return new AccessToken(json.path("access_token").asText(), now.plus(lifetime).minus(margin));
  }

  private static String quote(String body) {
    String oneLine = body.strip().replaceAll("\\s*\\R\\s*", " ");
    if (oneLine.isEmpty()) {
      return "(empty body)";
    }
    return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
  }

  private static String formEncode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
