package io.cartprobe.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timer's arithmetic on a hand-driven clock: phases partition the time on the network. */
class PhaseTimerTest {

  private long now;
  private final PhaseTimer timer = new PhaseTimer(() -> now);

  private void at(long millis) {
    now = millis * 1_000_000;
  }

  @Test
  void theClockRunsFromTheFirstNetworkEventAndPausesForTheClientsWorkBetweenPhases() {
    at(100); // the call's own set-up before this is not the target's time
    timer.dnsStart(null, "shop.test");
    at(103);
    timer.dnsEnd(null, "shop.test", java.util.List.of());
    at(105); // route selection
    timer.connectStart(null, null, null);
    at(112);
    timer.secureConnectStart(null);
    at(132);
    timer.secureConnectEnd(null, null);
    at(133);
    timer.connectEnd(null, null, null, null);
    at(140); // setting the connection up, the network interceptor
    timer.requestHeadersStart(null);
    at(141);
    timer.requestHeadersEnd(null, null);
    at(181);
    timer.responseHeadersStart(null);
    at(185);
    timer.responseBodyEnd(null, 11);
    at(190); // our own reading of the body after its end
    timer.finished();

    Phases p = timer.phases();
    assertThat(p).isEqualTo(new Phases(ms(3), ms(7), ms(20), ms(1), ms(40), ms(4)));
    assertThat(p.total()).isEqualTo(ms(75));
  }

  @Test
  void theClientsWorkBetweenTheResponseHeadAndReadingTheBodyIsNotTransfer() {
    at(0);
    timer.requestHeadersStart(null);
    at(1);
    timer.requestHeadersEnd(null, null);
    at(21);
    timer.responseHeadersStart(null);
    at(22);
    timer.responseHeadersEnd(null, null);
    at(30); // the head back up the interceptors, the call returning to the step
    timer.bodyReadStarts();
    at(45); // a body that comes late is the server's time
    timer.responseBodyEnd(null, 11);
    timer.finished();

    Phases p = timer.phases();
    assertThat(p.ttfb()).isEqualTo(ms(20));
    assertThat(p.transfer()).isEqualTo(ms(1 + 15));
    assertThat(p.total()).isEqualTo(ms(37));
  }

  @Test
  void readingTheBodyAfterTheCallEndedStartsNoClock() {
    at(0);
    timer.requestHeadersStart(null);
    at(1);
    timer.requestHeadersEnd(null, null);
    at(5);
    timer.responseHeadersStart(null);
    timer.responseHeadersEnd(null, null);
    timer.callFailed(null, new IOException("reset"));
    at(9);
    timer.bodyReadStarts();
    at(20);

    assertThat(timer.phases().total()).isEqualTo(ms(5));
  }

  @Test
  void aReusedConnectionStartsTheClockAtTheRequest() {
    at(5);
    timer.requestHeadersStart(null);
    at(6);
    timer.requestHeadersEnd(null, null);
    at(8);
    timer.requestBodyStart(null);
    at(10);
    timer.requestBodyEnd(null, 3);
    at(30);
    timer.responseHeadersStart(null);
    at(31);
    timer.callEnd(null);

    Phases p = timer.phases();
    assertThat(p.dns()).isZero();
    assertThat(p.connect()).isZero();
    assertThat(p.request()).isEqualTo(ms(3));
    assertThat(p.ttfb()).isEqualTo(ms(22));
    assertThat(p.transfer()).isEqualTo(ms(1));
    assertThat(p.total()).isEqualTo(ms(26));
  }

  @Test
  void betweenARedirectsBodyAndTheNextHopTheClockIsPaused() {
    at(0);
    timer.requestHeadersStart(null);
    at(1);
    timer.requestHeadersEnd(null, null);
    at(11);
    timer.responseHeadersStart(null);
    at(12);
    timer.responseBodyEnd(null, 0);
    at(50); // following the redirect is our work
    timer.requestHeadersStart(null);
    at(51);
    timer.requestHeadersEnd(null, null);
    at(61);
    timer.responseHeadersStart(null);
    at(62);
    timer.responseBodyEnd(null, 2);
    timer.finished();

    assertThat(timer.phases().total()).isEqualTo(ms(24));
    assertThat(timer.phases().ttfb()).isEqualTo(ms(20));
  }

  @Test
  void aPlainConnectionEndsConnectingAtItsEnd() {
    at(0);
    timer.connectStart(null, null, null);
    at(2);
    timer.connectEnd(null, null, null, null);
    at(9);
    timer.requestHeadersStart(null);
    at(10);
    timer.requestHeadersEnd(null, null);
    at(20);
    timer.responseHeadersStart(null);
    at(21);
    timer.callEnd(null);

    assertThat(timer.phases()).isEqualTo(
        new Phases(ms(0), ms(2), ms(0), ms(1), ms(10), ms(1)));
  }

  @Test
  void aFailureEndsThePhaseItCutAndNothingCountsAfterIt() {
    at(0);
    timer.connectStart(null, null, null);
    at(4);
    timer.connectStart(null, null, null); // a second address: still connecting
    at(9);
    timer.callFailed(null, new IOException("refused"));
    at(500);
    timer.finished();

    assertThat(timer.phases().connect()).isEqualTo(ms(9));
    assertThat(timer.phases().total()).isEqualTo(ms(9));
    assertThat(timer.requestSent()).isFalse();
  }

  @Test
  void nothingOnTheNetworkIsNoTime() {
    at(10);
    timer.finished();

    assertThat(timer.phases()).isEqualTo(Phases.NONE);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
