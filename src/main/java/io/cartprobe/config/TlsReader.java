package io.cartprobe.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code tls:}. Certificate and key files are read here, at load time (and so on every
 * reload): a missing or malformed file is reported at the key that names it.
 */
final class TlsReader {

  static final List<String> KEYS = List.of("ca_file", "ca_trust", "cert_file", "key_file",
      "min_version", "server_name", "insecure_skip_verify");
  static final List<String> TRUST_MODES = List.of("add", "replace");
  static final List<String> VERSIONS = List.of("TLSv1.2", "TLSv1.3");

  private TlsReader() {}

  static TlsConfig read(Cursor c) {
    MapCursor m = c.map().orElse(MapCursor.empty(c)).allow(KEYS);
    return new TlsConfig(trust(m), clientCertificate(m),
        m.get("min_version").flatMap(v -> v.oneOf("TLS version", VERSIONS)),
        m.get("server_name").flatMap(Cursor::name),
        m.get("insecure_skip_verify").flatMap(Cursor::bool).map(insecure -> {
          if (insecure) {
            Cursor at = m.get("insecure_skip_verify").orElseThrow();
            at.session().diagnostics().warn(at.mark(), at.path(), "TLS certificate verification is off: "
                + "any server is trusted here, so an impostor or an expired certificate goes unnoticed");
          }
          return insecure;
        }));
  }

  private static Optional<TlsConfig.Trust> trust(MapCursor m) {
    Optional<Cursor> file = m.get("ca_file");
    Optional<TlsConfig.TrustMode> mode = m.get("ca_trust").flatMap(t -> t.oneOf("ca_trust", TRUST_MODES))
        .map(t -> t.equals("add") ? TlsConfig.TrustMode.ADD : TlsConfig.TrustMode.REPLACE);
    if (file.isEmpty()) {
      m.get("ca_trust").ifPresent(t -> t.error("only allowed with ca_file"));
      return Optional.empty();
    }
    if (m.get("ca_trust").isEmpty()) {
      file.get().error("ca_file needs ca_trust: add (trust the system's CAs and this one) "
          + "or replace (trust only this one)");
    }
    Optional<List<X509Certificate>> certificates = file.get().string().flatMap(f -> read(file.get(), f,
        (path, shown) -> PemFiles.certificates(path, shown)));
    return certificates.flatMap(certs -> mode.map(mo -> new TlsConfig.Trust(file.get().string().orElseThrow(), certs, mo)));
  }

  private static Optional<TlsConfig.ClientCertificate> clientCertificate(MapCursor m) {
    Optional<Cursor> certFile = m.get("cert_file");
    Optional<Cursor> keyFile = m.get("key_file");
    if (certFile.isPresent() != keyFile.isPresent()) {
      certFile.or(() -> keyFile).orElseThrow().error(certFile.isPresent()
          ? "cert_file needs key_file (the client certificate's private key)"
          : "key_file needs cert_file (the client certificate it belongs to)");
      return Optional.empty();
    }
    if (certFile.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> certName = certFile.get().string();
    Optional<List<X509Certificate>> chain = certName.flatMap(f -> read(certFile.get(), f, PemFiles::certificates));
    Optional<PrivateKey> key = keyFile.get().string().flatMap(f -> read(keyFile.get(), f, PemFiles::privateKey));
    if (chain.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    if (!PemFiles.belongTogether(key.get(), chain.get().getFirst())) {
      keyFile.get().error("this key does not belong to the certificate in cert_file '" + certName.get()
          + "' (the first certificate there must be the client's own)");
      return Optional.empty();
    }
    return Optional.of(new TlsConfig.ClientCertificate(certName.get(), chain.get(), key.get()));
  }

  private interface Parser<T> {
    T parse(Path path, String shown) throws PemFiles.PemException;
  }

  private static <T> Optional<T> read(Cursor at, String written, Parser<T> parser) {
    try {
      return Optional.of(parser.parse(at.session().path(written), written));
    } catch (PemFiles.PemException e) {
      at.error(e.getMessage());
    } catch (InvalidPathException e) {
      at.error("invalid path " + Cursor.quote(written));
    }
    return Optional.empty();
  }
}
