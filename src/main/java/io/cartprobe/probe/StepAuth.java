package io.cartprobe.probe;

import io.cartprobe.auth.AccessToken;
import io.cartprobe.auth.AuthFailure;
import io.cartprobe.auth.HmacSigner;
import io.cartprobe.auth.SigV4Signer;
import io.cartprobe.auth.TokenCache;
import io.cartprobe.config.AuthConfig;
import io.cartprobe.config.ClientSettings;
import io.cartprobe.http.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Credentials;
import okhttp3.Request;

/**
 * Adds a step's credentials to its request, one instance per run: renders the {@code auth:}
 * templates, gets an OAuth2 token (from the agent-wide cache, or once per run with
 * {@code cache: false}) or signs the request, and makes every credential value a secret of the
 * run's redactor.
 */
final class StepAuth {

  private final TokenCache tokens;
  private final String environment;
  private final Redactor redactor;
  private final Map<AuthConfig.OAuth2, AccessToken> runTokens = new HashMap<>();
  /** The cached token the last step carried, to forget if the API refuses it. */
  private Optional<Map.Entry<AuthConfig.OAuth2, AccessToken>> lastCached = Optional.empty();

  StepAuth(TokenCache tokens, String environment, Redactor redactor) {
    this.tokens = tokens;
    this.environment = environment;
    this.redactor = redactor;
  }

  /** {@code request} with the credentials {@code client.auth()} asks for. */
  Request authorize(Request request, ClientSettings client, RunState state, Duration timeout)
      throws TemplateException, AuthFailure {
    lastCached = Optional.empty();
    if (client.auth().isEmpty()) {
      return request;
    }
    TemplateScope scope = state.scope();
    Function<Request, HttpExchange> send = r -> state.session().execute(r, timeout, client.tls(),
        state.session().trace().newSpanId());
    return switch (client.auth().get()) {
      case AuthConfig.None none -> request;
      case AuthConfig.Basic b -> {
        String user = Templates.render(b.username(), scope);
        String password = secret(Templates.render(b.password(), scope));
        yield request.newBuilder()
            .header("Authorization", secret(Credentials.basic(user, password, StandardCharsets.UTF_8))).build();
      }
      case AuthConfig.OAuth2 o -> {
        AuthConfig.OAuth2 rendered = new AuthConfig.OAuth2(Templates.render(o.tokenUrl(), scope),
            Templates.render(o.clientId(), scope), secret(Templates.render(o.clientSecret(), scope)),
            renderAll(o.scopes(), scope), o.cache(), o.clientAuth());
        secret(Credentials.basic(rendered.clientId(), rendered.clientSecret()));
        AccessToken token;
        if (o.cache()) {
          token = tokens.token(environment, rendered, send);
          lastCached = Optional.of(Map.entry(rendered, token));
        } else {
          token = runTokens.get(rendered);
          if (token == null) {
            token = tokens.fresh(rendered, send);
            runTokens.put(rendered, token);
          }
        }
        yield request.newBuilder().header("Authorization", "Bearer " + secret(token.value())).build();
      }
      case AuthConfig.Hmac h -> HmacSigner.sign(new AuthConfig.Hmac(secret(Templates.render(h.key(), scope)),
          h.header(), h.algorithm(), Templates.render(h.over(), scope), h.encoding(), h.prefix(),
          h.timestampHeader()), request, scope.clock().instant());
      case AuthConfig.AwsSigV4 s -> SigV4Signer.sign(new AuthConfig.AwsSigV4(Templates.render(s.region(), scope),
          Templates.render(s.service(), scope), Templates.render(s.accessKeyId(), scope),
          secret(Templates.render(s.secretAccessKey(), scope)),
          s.sessionToken().isPresent() ? Optional.of(secret(Templates.render(s.sessionToken().get(), scope)))
              : Optional.empty()), request, scope.clock().instant());
    };
  }

  /** The API answered 401 to a cached token: it was revoked early, so the next run fetches another. */
  void refused() {
    lastCached.ifPresent(e -> tokens.invalidate(environment, e.getKey(), e.getValue()));
    lastCached = Optional.empty();
  }

  /** The failure's message, naming a transport problem the way a step's own would be. */
  static String describe(AuthFailure failure) {
    return failure.transport().map(e -> failure.getMessage() + ": "
        + FailureReasons.describe(FailureReasons.of(e, false, false), e)).orElse(failure.getMessage());
  }

  private String secret(String value) {
    redactor.add(value);
    return value;
  }

  private static List<String> renderAll(List<String> texts, TemplateScope scope) throws TemplateException {
    List<String> out = new java.util.ArrayList<>();
    for (String text : texts) {
      out.add(Templates.render(text, scope));
    }
    return out;
  }
}
