package io.cartprobe.probe;

import io.cartprobe.result.FailureReason;
import io.cartprobe.http.BodyTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Maps a transport failure to the reason an on-call engineer reads. */
final class FailureReasons {

  private FailureReasons() {}

  /**
   * @param duringBody the response head had arrived: the failure is in reading its body
   * @param deadlinePassed the step's time budget was used up when it failed
   */
  static FailureReason of(IOException error, boolean duringBody, boolean deadlinePassed) {
    // The deadline comes first: a call cut by its timeout surfaces as whatever the cut socket
    // threw (often "Canceled" or "Socket closed"), but the cause is the time limit.
    if (deadlinePassed || has(error, InterruptedIOException.class)) {
      return FailureReason.TIMEOUT;
    }
    if (error instanceof BodyTooLargeException) {
      return FailureReason.BODY;
    }
    if (duringBody) {
      return FailureReason.BODY; // reset or EOF mid-body: the body is unreadable
    }
    if (has(error, UnknownHostException.class)) {
      return FailureReason.DNS;
    }
    if (has(error, SSLException.class)) {
      return FailureReason.TLS;
    }
    if (has(error, ConnectException.class) || has(error, NoRouteToHostException.class)) {
      return FailureReason.CONNECT;
    }
    // Anything else before a response (e.g. the server closed without answering): the
    // exchange never happened, which on-call reads as a connection problem.
    return FailureReason.CONNECT;
  }

  /** True when {@code type} is the error or one of its causes (OkHttp wraps some). */
  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static String describe(FailureReason reason, IOException error) {
    String detail = error.getMessage() != null ? error.getMessage()
        : error.getClass().getSimpleName();
    return switch (reason) {
      case DNS -> "DNS lookup failed: " + detail;
      case CONNECT -> "connection failed: " + detail;
      case TLS -> "TLS handshake failed: " + TlsDiagnosis.describe(error);
      case TIMEOUT -> "deadline exceeded: " + detail;
      case BODY -> "response body unreadable: " + detail;
      default -> detail;
    };
  }
}
