package io.cartprobe.cli;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

/**
 * Opening what listens on a port. The JDK's {@link BindException} says "Address already in use"
 * and not which address, so the message here names it, and the option that picks another.
 */
final class Listening {

  private Listening() {}

  /**
   * @param what the thing that listens ("agent", "demo shop")
   * @param hint how to choose another address, e.g. "choose another with --port N"
   */
  static <T> T open(String what, InetSocketAddress address, String hint, Callable<T> opener)
      throws Exception {
    try {
      return opener.call();
    } catch (BindException e) {
      BindException named = new BindException(what + ": cannot listen on " + hostPort(address)
          + ": " + e.getMessage() + " (" + hint + ")");
      named.initCause(e);
      throw named;
    }
  }

  static String hostPort(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
