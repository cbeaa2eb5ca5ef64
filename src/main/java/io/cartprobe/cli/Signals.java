package io.cartprobe.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end a long-running command with exit code 0 (the JVM's own handling would
 * exit 143 after the shutdown hooks); SIGHUP calls the reload action.
 */
final class Signals {

  private Signals() {}

  static void waitForTermination(Runnable onHangup) throws InterruptedException {
    CountDownLatch terminate = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> terminate.countDown());
    Signal.handle(new Signal("INT"), s -> terminate.countDown());
    Signal.handle(new Signal("HUP"), s -> Thread.ofVirtual().name("reload").start(onHangup));
    terminate.await();
  }
}
