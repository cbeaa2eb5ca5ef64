package io.cartprobe.probe;

import io.cartprobe.result.FailureReason;
import io.cartprobe.http.BodyTooLargeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Maps a transport failure to the reason an on-call engineer reads. */
final class FailureReasons {

  /** OkHttp follows at most this many redirects (and auth follow-ups) per call. */
  static final int MAX_FOLLOW_UPS = 20;

  static final String TOO_MANY_REDIRECTS =
      "more than " + MAX_FOLLOW_UPS + " redirects (a redirect loop?)";
  static final String HEADERS_TOO_LARGE = "response headers too large: more than 256 KiB of"
      + " status line and headers (or the connection closed in the middle of them)";

  /**
   * okio's words when a header line does not end within what is left of OkHttp's 256 KiB
   * budget for the response head; empty content means nothing had arrived at all.
   */
  private static final Pattern HEAD_CUT = Pattern.compile("\\\\n not found: limit=\\d+ content=[0-9a-f]+.*");

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
    if (tooManyFollowUps(error)) {
      return FailureReason.REDIRECTS;
    }
    if (headersTooLarge(error)) {
      return FailureReason.BODY;
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

  private static boolean tooManyFollowUps(IOException error) {
    return error instanceof ProtocolException
        && String.valueOf(error.getMessage()).startsWith("Too many follow-up requests");
  }

  /** OkHttp wraps the EOF of a response head it could not read whole in "unexpected end of stream". */
  private static boolean headersTooLarge(IOException error) {
    return error.getCause() instanceof EOFException eof
        && String.valueOf(error.getMessage()).startsWith("unexpected end of stream")
        && HEAD_CUT.matcher(String.valueOf(eof.getMessage())).matches();
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
    if (reason == FailureReason.BODY && headersTooLarge(error)) {
      return HEADERS_TOO_LARGE;
    }
    return switch (reason) {
      case REDIRECTS -> TOO_MANY_REDIRECTS;
      case DNS -> "DNS lookup failed: " + detail;
      case CONNECT -> "connection failed: " + detail;
      case TLS -> "TLS handshake failed: " + TlsDiagnosis.describe(error);
      case TIMEOUT -> "deadline exceeded: " + detail;
      case BODY -> "response body unreadable: " + detail;
      default -> detail;
    };
  }
}
