package io.cartprobe.schedule;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report, thread-safely, for assertions. */
final class RecordingListener implements ScheduleListener {

  record Started(PairKey pair, Duration lag) {}

  record Skipped(PairKey pair, SkipReason reason) {}

  record Finished(PairKey pair, RunOutcome outcome) {}

  final List<Started> started = new CopyOnWriteArrayList<>();
  final List<Skipped> skipped = new CopyOnWriteArrayList<>();
  final List<Finished> finished = new CopyOnWriteArrayList<>();
  final List<Throwable> crashes = new CopyOnWriteArrayList<>();

  @Override
  public void runStarted(PairKey pair, Duration lag) {
    started.add(new Started(pair, lag));
  }

  @Override
  public void runSkipped(PairKey pair, SkipReason reason) {
    skipped.add(new Skipped(pair, reason));
  }

  @Override
  public void runFinished(PairKey pair, RunOutcome outcome) {
    finished.add(new Finished(pair, outcome));
  }

  @Override
  public void runCrashed(PairKey pair, Throwable error) {
    crashes.add(error);
  }

  List<Started> startsOf(PairKey pair) {
    return started.stream().filter(s -> s.pair().equals(pair)).toList();
  }

  List<Skipped> skipsOf(PairKey pair) {
    return skipped.stream().filter(s -> s.pair().equals(pair)).toList();
  }
}
