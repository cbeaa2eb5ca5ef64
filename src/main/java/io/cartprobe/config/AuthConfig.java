package io.cartprobe.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code auth:} of an environment, probe or step: how requests prove who sends them. Every
 * string is a template ({@code {{secret.psp_secret}}}), rendered when the step runs; a more
 * specific level replaces the whole block, and {@code auth: none} turns an inherited one off.
 * Once rendered the strings hold secrets, so no record prints them.
 */
public sealed interface AuthConfig {

  /** The wire name of the scheme, as written in probes.yaml. */
  String scheme();

  /** {@code auth: none}. */
  record None() implements AuthConfig {
    @Override
    public String scheme() {
      return "none";
    }
  }

  /** {@code basic: {username, password}}: RFC 7617. */
  record Basic(String username, String password) implements AuthConfig {
    @Override
    public String scheme() {
      return "basic";
    }

    @Override
    public String toString() {
      return "Basic[" + username + "]";
    }
  }

  /** How the client authenticates to the token endpoint (RFC 6749 section 2.3.1). */
  enum ClientAuth { BASIC, BODY }

  /**
   * {@code oauth2}: the client-credentials grant. With {@code cache}, a token is reused across
   * runs of the same environment until shortly before it expires.
   */
  record OAuth2(String tokenUrl, String clientId, String clientSecret, List<String> scopes,
      boolean cache, ClientAuth clientAuth) implements AuthConfig {
    public OAuth2 {
      scopes = List.copyOf(scopes);
    }

    @Override
    public String scheme() {
      return "oauth2";
    }

    @Override
    public String toString() {
      return "OAuth2[" + tokenUrl + ", " + clientId + ", " + scopes + "]";
    }
  }

  /** How a signature's bytes are written into its header. */
  enum Encoding { HEX, BASE64 }

  /**
   * {@code hmac}: an HMAC of {@code over} (with {@code {method}}, {@code {path}},
   * {@code {query}}, {@code {timestamp}}, {@code {body}}, {@code {host}} filled in) sent in
   * {@code header}; {@code timestampHeader} carries the timestamp signed.
   */
  record Hmac(String key, String header, String algorithm, String over, Encoding encoding,
      String prefix, Optional<String> timestampHeader) implements AuthConfig {
    @Override
    public String scheme() {
      return "hmac";
    }

    @Override
    public String toString() {
      return "Hmac[" + header + ", " + algorithm + "]";
    }
  }

  /** {@code aws_sigv4}: AWS Signature Version 4 in the Authorization header. */
  record AwsSigV4(String region, String service, String accessKeyId, String secretAccessKey,
      Optional<String> sessionToken) implements AuthConfig {
    @Override
    public String scheme() {
      return "aws_sigv4";
    }

    @Override
    public String toString() {
      return "AwsSigV4[" + region + ", " + service + ", " + accessKeyId + "]";
    }
  }
}
