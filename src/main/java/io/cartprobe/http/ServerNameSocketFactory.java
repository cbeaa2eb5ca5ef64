package io.cartprobe.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code server_name}: layers TLS over OkHttp's connected socket as if the host were
 * {@code serverName}, so the JDK sends it as SNI (OkHttp passes the URL's host, and none at all
 * for an IP address).
 */
final class ServerNameSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory delegate;
  private final String serverName;

  ServerNameSocketFactory(SSLSocketFactory delegate, String serverName) {
    this.delegate = delegate;
    this.serverName = serverName;
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
    return delegate.createSocket(socket, serverName, port, autoClose);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
