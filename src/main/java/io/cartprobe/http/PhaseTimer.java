package io.cartprobe.http;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Times one call from OkHttp's events, and records whether the request may have reached the
 * server.
 *
 * <p>The clock runs only while the call is on the network: from its first network event (DNS
 * lookup, connect, or writing the request on a reused connection) to the end of the response
 * body, or the failure, and it pauses where the client works between two phases: before the
 * first event (building the call, the interceptors), from a lookup's or a connection's end to the
 * next phase (route selection, setting up the connection, our network interceptor), from the
 * response head's end to the start of reading its body ({@link #bodyReadStarts()}: the head going
 * back up the interceptors, the call returning), and from a redirect's body to the next hop. The phases are the stretches the clock ran, so
 * {@link Phases#total()} is the step's duration and the phases always add up to it.
 *
 * <p>Methods are synchronized because OkHttp 5's fast fallback races connect attempts on other
 * threads; on Java 25 that no longer pins virtual threads.
 */
public final class PhaseTimer extends EventListener {

  private enum Phase { DNS, CONNECT, TLS, REQUEST, TTFB, TRANSFER }

  private static final long UNSET = Long.MIN_VALUE;

  private final LongSupplier nanoTime;
  private final long[] spent = new long[Phase.values().length];
  /** The phase the clock is running for; null while paused. */
  private Phase current;
  private long since = UNSET;
  private boolean stopped;
  private boolean requestSent;
  private int ipVersion;

  public PhaseTimer() {
    this(System::nanoTime);
  }

  PhaseTimer(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * True once OkHttp started writing request headers: from then on the server may have seen the
   * request, so re-sending a non-idempotent one could, say, charge a card twice.
   */
  public synchronized boolean requestSent() {
    return requestSent;
  }

  /** The phases so far, the one running counted up to now. */
  public synchronized Phases phases() {
    long[] p = spent.clone();
    if (current != null) {
      p[current.ordinal()] += nanoTime.getAsLong() - since;
    }
    return Phases.ofNanos(p[0], p[1], p[2], p[3], p[4], p[5]);
  }

  /** Stops the clock: the body was read (or given up on), or the call failed. */
  public synchronized void finished() {
    pause();
    stopped = true;
  }

  /** 4 or 6 for the connection of the final response; 0 if none was acquired. */
  public synchronized int ipVersion() {
    return ipVersion;
  }

  private void enter(Phase next) {
    if (stopped) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (current != null) {
      spent[current.ordinal()] += now - since;
    }
    current = next;
    since = now;
  }

  private void pause() {
    if (current != null) {
      spent[current.ordinal()] += nanoTime.getAsLong() - since;
      current = null;
    }
  }

  @Override
  public synchronized void dnsStart(Call call, String domainName) {
    enter(Phase.DNS);
  }

  @Override
  public synchronized void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
    pause();
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    // A raced or retried attempt keeps the phase: time lost on a failed address is connecting.
    if (current != Phase.CONNECT) {
      enter(Phase.CONNECT);
    }
  }

  @Override
  public synchronized void secureConnectStart(Call call) {
    enter(Phase.TLS);
  }

  @Override
  public synchronized void secureConnectEnd(Call call, Handshake handshake) {
    pause();
  }

  /** OkHttp reports the end of connecting after TLS; an attempt that lost a race reports none. */
  @Override
  public synchronized void connectEnd(
      Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
    if (current == Phase.CONNECT) {
      pause();
    }
  }

  /** The last connection a request of the call used: the final response came over it. */
  @Override
  public synchronized void connectionAcquired(Call call, Connection connection) {
    InetAddress address = connection.route().socketAddress().getAddress();
    ipVersion = address instanceof Inet6Address ? 6 : address == null ? 0 : 4;
  }

  @Override
  public synchronized void requestHeadersStart(Call call) {
    requestSent = true;
    enter(Phase.REQUEST);
  }

  @Override
  public synchronized void requestHeadersEnd(Call call, Request request) {
    enter(Phase.TTFB);
  }

  @Override
  public synchronized void requestBodyStart(Call call) {
    enter(Phase.REQUEST);
  }

  @Override
  public synchronized void requestBodyEnd(Call call, long byteCount) {
    enter(Phase.TTFB);
  }

  @Override
  public synchronized void responseHeadersStart(Call call) {
    enter(Phase.TRANSFER);
  }

  /**
   * The head is parsed; what follows until the caller reads the body is the client's work. (OkHttp's
   * {@code responseBodyStart} comes after the first body bytes are in, too late to restart at.)
   */
  @Override
  public synchronized void responseHeadersEnd(Call call, Response response) {
    pause();
  }

  /** The caller starts reading the body: waiting for it and reading it is the transfer. */
  public synchronized void bodyReadStarts() {
    if (current == null) {
      enter(Phase.TRANSFER);
    }
  }

  /** A redirect's body ends its hop; the next hop's first event starts the clock again. */
  @Override
  public synchronized void responseBodyEnd(Call call, long byteCount) {
    pause();
  }

  @Override
  public synchronized void callEnd(Call call) {
    finished();
  }

  @Override
  public synchronized void callFailed(Call call, IOException ioe) {
    finished();
  }
}
