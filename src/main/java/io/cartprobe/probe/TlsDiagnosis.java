package io.cartprobe.probe;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in plain words why a TLS handshake failed. The JDK's messages ("PKIX path validation
 * failed: ... validity check failed") name the mechanism, not the cause an on-call engineer
 * acts on: expired, wrong host, or not trusted.
 */
final class TlsDiagnosis {

  private static final Pattern HOSTNAME =
      Pattern.compile("Hostname (\\S+) not verified", Pattern.CASE_INSENSITIVE);
  private static final Pattern SANS = Pattern.compile("subjectAltNames: \\[([^]]*)]");
  /** The JDK's words for an alert the server sent, e.g. "Received fatal alert: bad_certificate". */
  private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");
  private static final Pattern PROTOCOL =
      Pattern.compile("protocol.?version|No appropriate protocol", Pattern.CASE_INSENSITIVE);

  private TlsDiagnosis() {}

  /** A one-line cause, without the "TLS handshake failed: " prefix. */
  static String describe(Throwable error) {
    return expired(error)
        .or(() -> serverAlert(error))
        .or(() -> find(error, SSLPeerUnverifiedException.class).flatMap(TlsDiagnosis::wrongHost))
        .or(() -> find(error, CertPathBuilderException.class).map(e ->
            "certificate not trusted: no path to a trusted root (self-signed, or issued by a CA "
                + "this client does not trust)"))
        .orElseGet(() -> oneLine(error.getMessage() != null ? error.getMessage()
            : error.getClass().getSimpleName()));
  }

  private static Optional<String> expired(Throwable error) {
    Optional<CertPathValidatorException> validation =
        find(error, CertPathValidatorException.class);
    boolean isExpired = find(error, CertificateExpiredException.class).isPresent()
        || validation.map(v -> v.getReason() == CertPathValidatorException.BasicReason.EXPIRED)
            .orElse(false);
    boolean notYetValid = find(error, CertificateNotYetValidException.class).isPresent()
        || validation.map(v -> v.getReason()
            == CertPathValidatorException.BasicReason.NOT_YET_VALID).orElse(false);
    if (!isExpired && !notYetValid) {
      return Optional.empty();
    }
    // The validator names the certificate that failed: say which one and when.
    Optional<X509Certificate> culprit = validation.flatMap(TlsDiagnosis::failedCertificate);
    String detail = culprit.map(c -> isExpired
        ? " on " + c.getNotAfter().toInstant() + " (" + c.getSubjectX500Principal().getName() + ")"
        : " before " + c.getNotBefore().toInstant() + " ("
            + c.getSubjectX500Principal().getName() + ")").orElse("");
    return Optional.of((isExpired ? "certificate expired" : "certificate not valid yet") + detail);
  }

  /**
   * What the server's alert says about this client: its certificate (mutual TLS) or its TLS
   * versions. A refused client certificate is named as such, never as "connection failed".
   */
  private static Optional<String> serverAlert(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      Matcher alert = ALERT.matcher(message);
      String name = alert.find() ? alert.group(1) : "";
      String said = " (server alert: " + name + ")";
      switch (name) {
        case "certificate_required" -> {
          return Optional.of("client certificate refused: the server requires one and none was sent "
              + "(none is configured, or the configured one is not from a CA the server accepts)" + said);
        }
        case "bad_certificate", "unknown_ca", "certificate_unknown", "unsupported_certificate", "access_denied" -> {
          return Optional.of("client certificate refused by the server" + said);
        }
        case "certificate_expired" -> {
          return Optional.of("client certificate refused by the server: expired" + said);
        }
        case "certificate_revoked" -> {
          return Optional.of("client certificate refused by the server: revoked" + said);
        }
        default -> {
          if (name.equals("protocol_version") || PROTOCOL.matcher(message).find()) {
            return Optional.of("protocol version not accepted: the server and this client share no TLS "
                + "version (check min_version, or the server is too old)"
                + (name.isEmpty() ? " (" + oneLine(message) + ")" : said));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<X509Certificate> failedCertificate(CertPathValidatorException e) {
    if (e.getCertPath() == null || e.getIndex() < 0
        || e.getIndex() >= e.getCertPath().getCertificates().size()) {
      return Optional.empty();
    }
    Certificate c = e.getCertPath().getCertificates().get(e.getIndex());
    return c instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
  }

  /** OkHttp: "Hostname h not verified:\n certificate: ...\n subjectAltNames: [a, b]". */
  private static Optional<String> wrongHost(SSLPeerUnverifiedException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher host = HOSTNAME.matcher(message);
    if (!host.find()) {
      return Optional.empty();
    }
    Matcher sans = SANS.matcher(message);
    String names = sans.find() ? " (it is for: " + sans.group(1) + ")" : "";
    return Optional.of("certificate does not match host " + host.group(1) + names);
  }

  private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
