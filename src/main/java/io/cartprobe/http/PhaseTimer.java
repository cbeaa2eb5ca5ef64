package io.cartprobe.http;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;

/**
 * Records one call's phases from OkHttp's events, and whether the request may have reached the
 * server. Methods are synchronized because OkHttp 5's fast fallback races connect attempts on
 * other threads; on Java 25 that no longer pins virtual threads.
 */
public final class PhaseTimer extends EventListener {

  private static final long UNSET = Long.MIN_VALUE;

  private final LongSupplier nanoTime;
  private long dnsStart = UNSET;
  private long dnsEnd = UNSET;
  private long connectStart = UNSET;
  private long connectEnd = UNSET;
  private long tlsStart = UNSET;
  private long tlsEnd = UNSET;
  private long requestStart = UNSET;
  private long requestEnd = UNSET;
  private long responseStart = UNSET;
  private long responseEnd = UNSET;
  private long failedAt = UNSET;
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

  /** The phases so far; a phase cut short by a failure ends at the failure. */
  public synchronized Phases phases() {
    // A connect that went on to TLS ends where TLS starts, so connect and tls do not overlap.
    long connectStop = tlsStart != UNSET ? tlsStart : orFailure(connectEnd);
    return new Phases(
        between(dnsStart, orFailure(dnsEnd)),
        between(connectStart, connectStop),
        between(tlsStart, tlsEnd != UNSET ? tlsEnd : orFailure(connectEnd)),
        between(requestStart, orFailure(requestEnd)),
        between(requestEnd, orFailure(responseStart)),
        between(responseStart, orFailure(responseEnd)));
  }

  /** Marks the end of body reading when OkHttp reported no body end (e.g. the body was cut). */
  public synchronized void finished() {
    long now = nanoTime.getAsLong();
    if (responseStart != UNSET && responseEnd == UNSET) {
      responseEnd = now;
    }
    if (failedAt == UNSET) {
      failedAt = now;
    }
  }

  private long orFailure(long end) {
    return end != UNSET ? end : failedAt;
  }

  private static Duration between(long start, long end) {
    if (start == UNSET || end == UNSET || end < start) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(end - start);
  }

  @Override
  public synchronized void dnsStart(Call call, String domainName) {
    if (dnsStart == UNSET) {
      dnsStart = nanoTime.getAsLong();
    }
  }

  @Override
  public synchronized void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
    dnsEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    // The first attempt starts the phase: time lost on a failed address is part of connecting.
    if (connectStart == UNSET) {
      connectStart = nanoTime.getAsLong();
    }
  }

  /** The last connection a request of the call used: the final response came over it. */
  @Override
  public synchronized void connectionAcquired(Call call, Connection connection) {
    InetAddress address = connection.route().socketAddress().getAddress();
    ipVersion = address instanceof Inet6Address ? 6 : address == null ? 0 : 4;
  }

  /** 4 or 6 for the connection of the final response; 0 if none was acquired. */
  public synchronized int ipVersion() {
    return ipVersion;
  }

  @Override
  public synchronized void secureConnectStart(Call call) {
    tlsStart = nanoTime.getAsLong();
  }

  @Override
  public synchronized void secureConnectEnd(Call call, Handshake handshake) {
    tlsEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void connectEnd(
      Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
    connectEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void connectFailed(
      Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException ioe) {
    connectEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void requestHeadersStart(Call call) {
    requestSent = true;
    if (requestStart == UNSET) {
      requestStart = nanoTime.getAsLong();
    }
  }

  @Override
  public synchronized void requestHeadersEnd(Call call, Request request) {
    requestEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void requestBodyEnd(Call call, long byteCount) {
    requestEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void responseHeadersStart(Call call) {
    if (responseStart == UNSET) {
      responseStart = nanoTime.getAsLong();
    }
  }

  @Override
  public synchronized void responseBodyEnd(Call call, long byteCount) {
    responseEnd = nanoTime.getAsLong();
  }

  @Override
  public synchronized void requestFailed(Call call, IOException ioe) {
    failedAt = nanoTime.getAsLong();
  }

  @Override
  public synchronized void responseFailed(Call call, IOException ioe) {
    failedAt = nanoTime.getAsLong();
  }

  @Override
  public synchronized void callFailed(Call call, IOException ioe) {
    failedAt = nanoTime.getAsLong();
  }
}
