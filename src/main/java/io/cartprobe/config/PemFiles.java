package io.cartprobe.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and keys with the JDK's own parsers. Keys must be unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}) of type RSA, EC or Ed25519; the older PKCS#1 and SEC1 forms are
 * named in the error with the command that converts them.
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

  private PemFiles() {}

  /** Why a file cannot be used, as the message after the key's path. */
  static final class PemException extends Exception {
    PemException(String message) {
      super(message);
    }
  }

  static List<X509Certificate> certificates(Path file, String shown) throws PemException {
    String text = read(file, shown);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new PemException("no PEM certificate in '" + shown + "' (expected -----BEGIN CERTIFICATE-----)");
    }
    try {
      List<X509Certificate> out = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
          .stream().map(X509Certificate.class::cast).toList();
      if (out.isEmpty()) {
        throw new PemException("no certificate could be read from '" + shown + "'");
      }
      return out;
    } catch (CertificateException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new PemException("'" + shown + "' is not a valid PEM certificate (" + root.getMessage() + ")");
    }
  }

  static PrivateKey privateKey(Path file, String shown) throws PemException {
    String text = read(file, shown);
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(block.group(2), shown);
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new PemException("'" + shown + "' holds an encrypted key; "
            + "cartprobe reads unencrypted PKCS#8 keys (decrypt it: openssl pkcs8 -in FILE -out key.pem)");
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new PemException("'" + shown + "' holds a "
            + (type.startsWith("RSA") ? "PKCS#1 RSA" : "SEC1 EC") + " key; cartprobe reads PKCS#8 keys "
            + "(BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt -in FILE -out key.pem");
        default -> { }
      }
    }
    throw new PemException("no PEM private key in '" + shown + "' (expected -----BEGIN PRIVATE KEY-----)");
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    byte[] message = "cartprobe key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      PublicKey publicKey = certificate.getPublicKey();
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a key of another type than the certificate's
    }
  }

  private static PrivateKey pkcs8(String base64, String shown) throws PemException {
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new PemException("'" + shown + "' is not valid PEM: " + e.getMessage());
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm: try the next
      }
    }
    throw new PemException("'" + shown + "' holds a PKCS#8 key cartprobe cannot read (RSA, EC and Ed25519 are supported)");
  }

  private static String read(Path file, String shown) throws PemException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new PemException("cannot read '" + shown + "': no such file");
    } catch (AccessDeniedException e) {
      throw new PemException("cannot read '" + shown + "': permission denied");
    } catch (IOException | RuntimeException e) {
      throw new PemException("cannot read '" + shown + "': "
          + (Files.isDirectory(file) ? "is a directory" : "not a PEM text file"));
    }
  }
}
