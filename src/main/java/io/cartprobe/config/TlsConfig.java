package io.cartprobe.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code tls:} of an environment, probe or step: the material is read from its files at load
 * time, so a bad file is a config error, not a failed run. Every field may be absent; a more
 * specific level overrides field by field ({@link #over}).
 *
 * @param serverName the name sent as SNI and verified in the server's certificate, in place of
 *     the URL's host
 */
public record TlsConfig(
    Optional<Trust> trust,
    Optional<ClientCertificate> clientCertificate,
    Optional<String> minVersion,
    Optional<String> serverName,
    Optional<Boolean> insecureSkipVerify) {

  public static final TlsConfig NONE = new TlsConfig(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** How {@code ca_file} relates to the system's trusted CAs. */
  public enum TrustMode {
    /** The system's CAs and the file's. */
    ADD,
    /** Only the file's: a private CA that must be the only one. */
    REPLACE
  }

  /** {@code ca_file} and {@code ca_trust}. */
  public record Trust(String file, List<X509Certificate> certificates, TrustMode mode) {
    public Trust {
      certificates = List.copyOf(certificates);
    }
  }

  /** {@code cert_file} and {@code key_file}: the chain starts with the client's own certificate. */
  public record ClientCertificate(String certFile, List<X509Certificate> chain, PrivateKey key) {
    public ClientCertificate {
      chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
      return chain.getFirst();
    }

    /** The earliest expiry in the chain this client presents. */
    public Instant notAfter() {
      return chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }

    /** Never the key: a record's default toString would print it. */
    @Override
    public String toString() {
      return "ClientCertificate[" + certFile + ", " + leaf().getSubjectX500Principal().getName() + "]";
    }
  }

  /** This, with every field {@code more} sets taken from {@code more}. */
  public TlsConfig over(TlsConfig more) {
    return new TlsConfig(more.trust.or(() -> trust),
        more.clientCertificate.or(() -> clientCertificate), more.minVersion.or(() -> minVersion),
        more.serverName.or(() -> serverName), more.insecureSkipVerify.or(() -> insecureSkipVerify));
  }

  public boolean insecure() {
    return insecureSkipVerify.orElse(false);
  }

  /** Nothing set: the HTTP client's own defaults apply. */
  public boolean isDefault() {
    return equals(NONE);
  }
}
