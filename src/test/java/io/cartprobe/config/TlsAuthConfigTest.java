package io.cartprobe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls:} and {@code auth:} as the loader reads them: files read now, errors where the key is. */
class TlsAuthConfigTest {

  @TempDir Path dir;

  private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("psp CA").build();
  private final HeldCertificate client =
      new HeldCertificate.Builder().commonName("cartprobe").signedBy(ca).rsa2048().build();
  private final HeldCertificate ecClient = new HeldCertificate.Builder().commonName("cartprobe-ec").signedBy(ca).build();
  private final HeldCertificate other = new HeldCertificate.Builder().commonName("other").build();

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Files.writeString(dir.resolve("client.pem"), client.certificatePem() + ca.certificatePem());
    Files.writeString(dir.resolve("client-key.pem"), client.privateKeyPkcs8Pem());
    Files.writeString(dir.resolve("pkcs1-key.pem"), client.privateKeyPkcs1Pem());
    Files.writeString(dir.resolve("other-key.pem"), other.privateKeyPkcs8Pem());
    Files.writeString(dir.resolve("ec.pem"), ecClient.certificatePem());
    Files.writeString(dir.resolve("ec-key.pem"), ecClient.privateKeyPkcs8Pem());
    Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
  }

  private static final String HEAD = """
      environments:
        production:
          vars: {api: "https://api.psp.example"}
          secrets: {psp_id: id-123, psp_secret: secret-456, hmac_key: k-789}
      """;

  private static String probe(String extra) {
    return """
        probes:
          - name: psp
            type: gateway-config
            request: {url: "{{api}}/v1/config"}
        """ + extra;
  }

  private CartprobeConfig load(String yaml) throws ConfigException {
    return new ConfigLoader(Map.of()).parse("probes.yaml", yaml, dir);
  }

  private List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("expected the file to be rejected").isNotNull();
    return e.errors().stream().map(ConfigError::format).toList();
  }

  @Test
  void everyKeyIsRead() throws Exception {
    CartprobeConfig c = load("""
        environments:
          production:
            vars: {api: "https://api.psp.example"}
            secrets: {psp_id: id-123, psp_secret: secret-456}
            tls:
              ca_file: ca.pem
              ca_trust: replace
              cert_file: client.pem
              key_file: client-key.pem
              min_version: TLSv1.3
              server_name: api.psp.example
            auth:
              oauth2: {token_url: "{{api}}/v1/oauth2/token", client_id: "{{secret.psp_id}}",
                       client_secret: "{{secret.psp_secret}}", scopes: [payments], cache: false, client_auth: body}
        probes:
          - name: psp
            type: gateway-config
            tls: {min_version: TLSv1.2}
            auth: {basic: {username: u, password: "{{secret.psp_secret}}"}}
            request: {url: "{{api}}/v1/config"}
        """);

    TlsConfig tls = c.environments().get("production").client().tls();
    assertThat(tls.trust().orElseThrow().mode()).isEqualTo(TlsConfig.TrustMode.REPLACE);
    assertThat(tls.trust().orElseThrow().certificates()).containsExactly(ca.certificate());
    assertThat(tls.clientCertificate().orElseThrow().chain()).containsExactly(client.certificate(), ca.certificate());
    assertThat(tls.clientCertificate().orElseThrow().key()).isEqualTo(client.keyPair().getPrivate());
    assertThat(tls.minVersion()).contains("TLSv1.3");
    assertThat(tls.serverName()).contains("api.psp.example");
    assertThat(c.environments().get("production").client().auth()).contains(new AuthConfig.OAuth2(
        "{{api}}/v1/oauth2/token", "{{secret.psp_id}}", "{{secret.psp_secret}}", List.of("payments"), false,
        AuthConfig.ClientAuth.BODY));

    // the probe's tls overrides key by key, its auth replaces the environment's
    ProbeConfig p = c.probes().getFirst();
    ClientSettings effective = ClientSettings.forProbe(c.environments().get("production"), p).forStep(p.steps().getFirst());
    assertThat(effective.tls().minVersion()).contains("TLSv1.2");
    assertThat(effective.tls().serverName()).contains("api.psp.example");
    assertThat(effective.auth()).contains(new AuthConfig.Basic("u", "{{secret.psp_secret}}"));
    assertThat(c.warnings()).isEmpty();
    assertThat(tls.clientCertificate().orElseThrow().toString()).doesNotContain("PRIVATE").contains("client.pem");
  }

  @Test
  void ecKeysAreReadToo() throws Exception {
    CartprobeConfig c = load(HEAD + "    tls: {cert_file: ec.pem, key_file: ec-key.pem}\n" + probe(""));

    assertThat(c.environments().get("production").client().tls().clientCertificate().orElseThrow().key())
        .isEqualTo(ecClient.keyPair().getPrivate());
  }

  @Test
  void filesAreReadAgainOnEveryLoad() throws Exception {
    String yaml = HEAD + "    tls: {ca_file: ca.pem, ca_trust: add}\n" + probe("");
    CartprobeConfig first = load(yaml);
    Files.writeString(dir.resolve("ca.pem"), other.certificatePem());

    CartprobeConfig reloaded = load(yaml);

    assertThat(first.environments().get("production").client().tls().trust().orElseThrow().certificates())
        .containsExactly(ca.certificate());
    assertThat(reloaded.environments().get("production").client().tls().trust().orElseThrow().certificates())
        .containsExactly(other.certificate());
  }

  @Test
  void badFilesAreReportedAtTheKeyThatNamesThem() {
    assertThat(errors(HEAD + """
            tls:
              ca_file: missing.pem
              ca_trust: add
              cert_file: garbage.pem
              key_file: pkcs1-key.pem
        """ + probe(""))).containsExactly(
        "probes.yaml:6:16: environments.production.tls.ca_file: cannot read 'missing.pem': no such file",
        "probes.yaml:8:18: environments.production.tls.cert_file: 'garbage.pem' is not a valid PEM certificate "
            + "(Illegal base64 character 21)",
        "probes.yaml:9:17: environments.production.tls.key_file: 'pkcs1-key.pem' holds a PKCS#1 RSA key; "
            + "cartprobe reads PKCS#8 keys (BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt "
            + "-in FILE -out key.pem");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsAnError() {
    assertThat(errors(HEAD + "    tls: {cert_file: client.pem, key_file: other-key.pem}\n" + probe("")))
        .containsExactly("probes.yaml:5:44: environments.production.tls.key_file: this key does not belong to the "
            + "certificate in cert_file 'client.pem' (the first certificate there must be the client's own)");
  }

  @Test
  void pairsAndChoicesAreExplicit() {
    assertThat(errors(HEAD + "    tls: {ca_file: ca.pem, cert_file: client.pem, min_version: TLSv1.1}\n" + probe("")))
        .containsExactly(
            "probes.yaml:5:20: environments.production.tls.ca_file: ca_file needs ca_trust: add (trust the "
                + "system's CAs and this one) or replace (trust only this one)",
            "probes.yaml:5:39: environments.production.tls.cert_file: cert_file needs key_file (the client "
                + "certificate's private key)",
            "probes.yaml:5:64: environments.production.tls.min_version: unknown TLS version 'TLSv1.1' (did you "
                + "mean 'TLSv1.2'?)");
  }

  @Test
  void insecureSkipVerifyLoadsWithAWarningWhereItIsWritten() throws Exception {
    CartprobeConfig c = load(HEAD + probe("    tls: {insecure_skip_verify: true}\n"));

    assertThat(c.warnings()).extracting(ConfigError::format).containsExactly(
        "probes.yaml:9:33: warning: probes[0].tls.insecure_skip_verify: TLS certificate verification is off: "
            + "any server is trusted here, so an impostor or an expired certificate goes unnoticed");
    assertThat(InsecureTls.pairs(c)).containsExactly("psp @ production");
  }

  @Test
  void authMistakes() {
    assertThat(errors(HEAD + probe("""
            auth:
              hmac: {key: "{{secret.hmac_kye}}", header: X-Signature, over: "{method}\\n{paht}", algorithm: md5}
        """))).containsExactly(
        "probes.yaml:10:19: probes[0].auth.hmac.key: unknown template variable 'secret.hmac_kye' (did you mean "
            + "'secret.hmac_key'?); known here: api, secret.psp_id, secret.psp_secret, secret.hmac_key, uuid, "
            + "now_unix, now_iso, random_int, env_name, probe_name",
        "probes.yaml:10:69: probes[0].auth.hmac.over: unknown part '{paht}' (expected one of {method}, {path}, "
            + "{query}, {timestamp}, {body}, {host}; templates are written {{name}})",
        "probes.yaml:10:100: probes[0].auth.hmac.algorithm: unknown algorithm 'md5' (expected sha256, sha512 or "
            + "sha1)");
    assertThat(errors(HEAD + probe("    auth: {basic: {username: u}, oauth2: {}}\n"))).containsExactly(
        "probes.yaml:9:11: probes[0].auth: only one scheme may be set, found basic, oauth2");
    assertThat(errors(HEAD + probe("    auth: bearer\n"))).containsExactly(
        "probes.yaml:9:11: probes[0].auth: expected none or a map with one of oauth2, basic, hmac, aws_sigv4, "
            + "found \"bearer\"");
  }
}
