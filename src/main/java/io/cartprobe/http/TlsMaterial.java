package io.cartprobe.http;

import io.cartprobe.config.TlsConfig;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.TlsVersion;

/**
 * What OkHttp needs to connect with one {@code tls:} setting, built with the JDK's key and
 * trust manager factories from in-memory key stores. Building reads the system trust store,
 * so {@link TlsClients} keeps what it built.
 */
record TlsMaterial(SSLSocketFactory socketFactory, X509TrustManager trustManager,
    HostnameVerifier hostnameVerifier, List<ConnectionSpec> connectionSpecs) {

  /** OkHttp's own verifier, the one every client starts with. */
  private static final HostnameVerifier OKHTTP_VERIFIER = new OkHttpClient().hostnameVerifier();

  /** Only ever in memory: a PKCS#12 store refuses an empty password. */
  private static final char[] STORE_PASSWORD = "cartprobe".toCharArray();

  static TlsMaterial build(TlsConfig tls) throws GeneralSecurityException {
    X509TrustManager trust = tls.insecure() ? new InsecureTrustManager() : trustManager(tls);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(tls), new TrustManager[] {trust}, null);
    SSLSocketFactory factory = context.getSocketFactory();
    HostnameVerifier verifier = OKHTTP_VERIFIER;
    if (tls.serverName().isPresent()) {
      String name = tls.serverName().get();
      factory = new ServerNameSocketFactory(factory, name);
      verifier = (host, session) -> OKHTTP_VERIFIER.verify(name, session);
    }
    if (tls.insecure()) {
      verifier = (host, session) -> true;
    }
    return new TlsMaterial(factory, trust, verifier, connectionSpecs(tls));
  }

  OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
    builder.sslSocketFactory(socketFactory, trustManager).hostnameVerifier(hostnameVerifier);
    return connectionSpecs.isEmpty() ? builder : builder.connectionSpecs(connectionSpecs);
  }

  private static X509TrustManager trustManager(TlsConfig tls) throws GeneralSecurityException {
    if (tls.trust().isEmpty()) {
      return systemTrust();
    }
    TlsConfig.Trust trust = tls.trust().get();
    KeyStore store = emptyStore();
    int i = 0;
    if (trust.mode() == TlsConfig.TrustMode.ADD) {
      for (X509Certificate ca : systemTrust().getAcceptedIssuers()) {
        store.setCertificateEntry("system-" + i++, ca);
      }
    }
    for (X509Certificate ca : trust.certificates()) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    return trustManager(store);
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    return trustManager((KeyStore) null);
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager from " + factory.getAlgorithm());
  }

  private static KeyManager[] keyManagers(TlsConfig tls) throws GeneralSecurityException {
    if (tls.clientCertificate().isEmpty()) {
      return null;
    }
    TlsConfig.ClientCertificate client = tls.clientCertificate().get();
    KeyStore store = emptyStore();
    store.setKeyEntry("client", client.key(), STORE_PASSWORD,
        client.chain().toArray(new X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, STORE_PASSWORD);
    return factory.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  /**
   * OkHttp's modern TLS spec narrowed to {@code min_version} and up, plain http still allowed;
   * none (the client's own) without {@code min_version}.
   */
  private static List<ConnectionSpec> connectionSpecs(TlsConfig tls) {
    if (tls.minVersion().isEmpty()) {
      return List.of();
    }
    TlsVersion[] versions = tls.minVersion().get().equals("TLSv1.3")
        ? new TlsVersion[] {TlsVersion.TLS_1_3}
        : new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2};
    ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).tlsVersions(versions).build();
    return List.of(spec, ConnectionSpec.CLEARTEXT);
  }
}
